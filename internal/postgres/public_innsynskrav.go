package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/innsynskrav"
	"github.com/innsyn/innsyn/internal/journal"
)

var _ innsynskrav.PublicStatistics = (*PublicStore)(nil)

// maxStatRecords bounds one statistics query: a body answering 100,000
// requests in the longest period allowed is far beyond any municipality.
const maxStatRecords = 100_000

// RequestRecords reads the public view of request items
// (public_innsynskrav_stat): unit, times, outcome, bases, appeal.
func (s *PublicStore) RequestRecords(ctx context.Context, from, to time.Time, enhetID string) ([]innsynskrav.StatRecord, error) {
	var rows []struct {
		EnhetID  *string        `db:"enhet_id"`
		Received time.Time      `db:"received_at"`
		Decided  *time.Time     `db:"first_decided_at"`
		Status   string         `db:"status"`
		Bases    pq.StringArray `db:"bases"`
		Appeal   string         `db:"appeal_status"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT enhet_id, received_at, first_decided_at, status, bases, appeal_status
		FROM public_innsynskrav_stat WHERE received_at >= $1 AND received_at < $2 AND ($3 = '' OR enhet_id::text = $3)
		ORDER BY received_at LIMIT $4`, from, to, enhetID, maxStatRecords+1); err != nil {
		return nil, fmt.Errorf("request statistics: %w", translateSearch(err))
	}
	if len(rows) > maxStatRecords {
		return nil, journal.Errorf(journal.ErrInvalid, "more than %d requests in the period; ask for a shorter one", maxStatRecords)
	}
	out := make([]innsynskrav.StatRecord, len(rows))
	for i, r := range rows {
		out[i] = innsynskrav.StatRecord{EnhetID: deref(r.EnhetID), ReceivedAt: r.Received, DecidedAt: r.Decided,
			Outcome: innsynskrav.Status(r.Status), Bases: r.Bases, Appeal: innsynskrav.AppealStatus(r.Appeal)}
	}
	return out, nil
}

// EntryRequests counts the requests for a public entry.
func (s *PublicStore) EntryRequests(ctx context.Context, journalpostID string) (innsynskrav.EntryRequests, error) {
	out := innsynskrav.EntryRequests{Outcomes: map[innsynskrav.Status]int{}}
	if !isUUID(journalpostID) {
		return out, journal.NotFound("journalpost")
	}
	var public bool
	if err := s.db.GetContext(ctx, &public, `SELECT EXISTS (SELECT 1 FROM public_journalpost WHERE id = $1)`, journalpostID); err != nil {
		return out, fmt.Errorf("entry requests: %w", err)
	}
	if !public {
		return out, journal.NotFound("journalpost")
	}
	var r struct {
		Requests, Innvilget, Delvis, Avslatt, IkkeHosOss, Mottatt int
	}
	err := s.db.QueryRowContext(ctx, `SELECT requests, innvilget, delvis_innvilget, avslatt, ikke_hos_oss, mottatt
		FROM public_journalpost_innsynskrav WHERE journalpost_id = $1`, journalpostID).
		Scan(&r.Requests, &r.Innvilget, &r.Delvis, &r.Avslatt, &r.IkkeHosOss, &r.Mottatt)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return out, fmt.Errorf("entry requests: %w", err)
	}
	out.Requests = r.Requests
	for status, n := range map[innsynskrav.Status]int{innsynskrav.StatusGranted: r.Innvilget, innsynskrav.StatusPartlyGranted: r.Delvis,
		innsynskrav.StatusRefused: r.Avslatt, innsynskrav.StatusNotHeld: r.IkkeHosOss, innsynskrav.StatusReceived: r.Mottatt} {
		out.Outcomes[status] = n
	}
	return out, nil
}
