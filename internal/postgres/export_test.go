package postgres

// SetMatchPlan sets how a store's ranked search finds its candidates, so
// that tests reach every way on a small table.
func SetMatchPlan(s *PublicStore, sampleRows, walkRows int64, candidates int) {
	s.matchPlan = matchPlan{sampleRows: sampleRows, walkRows: walkRows, candidates: candidates}
}
