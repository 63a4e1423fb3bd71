package postgres

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// ExemptionStatistics counts published entries and those that carry a
// skjerming, per basis, unit and month. It reads the projection only, so
// it counts only what the public may see: the bases come from the public
// skjermingshjemmel of each entry, read with the same parser staff use.
func (s *PublicStore) ExemptionStatistics(ctx context.Context, q journal.StatisticsQuery) (journal.ExemptionStatistics, error) {
	var out journal.ExemptionStatistics
	var f filter
	if !q.JournaldatoFrom.IsZero() {
		f.add("p.journaldato >= ?", q.JournaldatoFrom.Format(time.DateOnly))
	}
	if !q.JournaldatoTo.IsZero() {
		f.add("p.journaldato <= ?", q.JournaldatoTo.Format(time.DateOnly))
	}
	get := func(dest any, query string) error {
		return sqlx.SelectContext(ctx, s.db, dest, sqlx.Rebind(sqlx.DOLLAR, query), f.args...)
	}
	var totals []struct {
		Published int `db:"published"`
		Screened  int `db:"screened"`
	}
	if err := get(&totals, `SELECT count(*) AS published, count(p.skjerming) AS screened FROM public_journalpost p`+f.where()); err != nil {
		return out, fmt.Errorf("statistics: %w", err)
	}
	out.Published, out.Screened = totals[0].Published, totals[0].Screened

	f.add("p.skjerming IS NOT NULL")
	var bases []basisCount
	if err := get(&bases, `SELECT coalesce(p.skjerming->>'skjermingshjemmel', '') AS basis, count(*) AS n
		FROM public_journalpost p`+f.where()+` GROUP BY 1`); err != nil {
		return out, fmt.Errorf("statistics: %w", err)
	}
	out.PerBasis = countBases(bases, offl.DefaultCatalogue())

	if err := get(&out.PerEnhet, `SELECT coalesce(e.kode, '') AS key, coalesce(e.navn, '') AS label, count(*) AS count
		FROM public_journalpost p LEFT JOIN public_enhet e ON e.id = p.administrativ_enhet_id`+f.where()+`
		GROUP BY 1, 2 ORDER BY 3 DESC, 1`); err != nil {
		return out, fmt.Errorf("statistics: %w", err)
	}
	if err := get(&out.PerMonth, `SELECT to_char(p.journaldato, 'YYYY-MM') AS key, '' AS label, count(*) AS count
		FROM public_journalpost p`+f.where()+` GROUP BY 1 ORDER BY 1`); err != nil {
		return out, fmt.Errorf("statistics: %w", err)
	}
	return out, nil
}

// basisCount is how many public entries give one written basis.
type basisCount struct {
	Basis string `db:"basis"`
	Count int    `db:"n"`
}

// countBases adds up the counts of the written bases per provision.
func countBases(bases []basisCount, c *offl.Catalogue) []journal.Count {
	sums := map[string]*journal.Count{}
	for _, b := range bases {
		key, label := offl.ParseHjemmel(b.Basis).Basis(c)
		if sums[key] == nil {
			sums[key] = &journal.Count{Key: key, Label: label}
		}
		sums[key].Count += b.Count
	}
	out := make([]journal.Count, 0, len(sums))
	for _, c := range sums {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}
