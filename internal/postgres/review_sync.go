package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// The review queue follows the records: every refresh computes which items
// a record needs now, opens the missing ones and closes (as superseded)
// those that no longer apply, so the queue never drifts from the data.

// reviewDetail is review_item.detail.
type reviewDetail struct {
	Numbers    []string `json:"numbers,omitempty"`
	Basis      string   `json:"basis,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
	TextStatus string   `json:"textStatus,omitempty"`
}

type reviewNeed struct {
	ObjectType string       `json:"object_type"`
	ObjectID   string       `json:"object_id"`
	Reason     string       `json:"reason"`
	Detail     reviewDetail `json:"detail"`
	CreatedAt  time.Time    `json:"created_at"`
}

// The reasons the refresh decides, for records and for files.
var (
	recordReasons = []string{string(journal.ReviewIdentityNumber), string(journal.ReviewUnparsableBasis)}
	fileReasons   = []string{string(journal.ReviewIdentityNumber), string(journal.ReviewNoText)}
)

// recordNeeds lists the items a record needs: held back for an identity
// number, or a skjerming whose basis nobody can map.
func recordNeeds(objectType, id string, numbers []string, sk *offl.Skjerming, reviewed bool, c *offl.Catalogue, now time.Time) []reviewNeed {
	var needs []reviewNeed
	if len(numbers) > 0 {
		needs = append(needs, reviewNeed{ObjectType: objectType, ObjectID: id, Reason: string(journal.ReviewIdentityNumber),
			Detail: reviewDetail{Numbers: numbers}, CreatedAt: now})
	}
	if sk != nil && !reviewed {
		if h := offl.ParseHjemmel(sk.Skjermingshjemmel); h.NeedsReview(c) {
			warnings := h.Warnings
			if h.Parsed {
				warnings = append(warnings, h.Canonical+" is not an exemption basis in the catalogue")
			}
			needs = append(needs, reviewNeed{ObjectType: objectType, ObjectID: id, Reason: string(journal.ReviewUnparsableBasis),
				Detail: reviewDetail{Basis: sk.Skjermingshjemmel, Warnings: warnings}, CreatedAt: now})
		}
	}
	return needs
}

// fileReviewNeeds lists the items for files held back.
func fileReviewNeeds(holds []offl.FileHold, now time.Time) []reviewNeed {
	needs := make([]reviewNeed, len(holds))
	for i, h := range holds {
		needs[i] = reviewNeed{ObjectType: "dokumentobjekt", ObjectID: h.ObjektID, Reason: string(h.Reason),
			Detail: reviewDetail{Numbers: h.Numbers, TextStatus: string(h.Status)}, CreatedAt: now}
	}
	return needs
}

// syncReview makes the open items of the objects, for the given reasons,
// exactly needs.
func syncReview(ctx context.Context, tx *sqlx.Tx, objectType string, ids, reasons []string, needs []reviewNeed, now time.Time) error {
	if err := execJSON(ctx, tx, `INSERT INTO review_item (object_type, object_id, reason, detail, created_at)
		SELECT object_type, object_id, reason, detail, created_at
		FROM jsonb_to_recordset($1::jsonb) AS r(object_type text, object_id uuid, reason text, detail jsonb, created_at timestamptz)
		ON CONFLICT (object_type, object_id, reason) WHERE resolved_at IS NULL DO UPDATE SET detail = EXCLUDED.detail`,
		needs); err != nil {
		return fmt.Errorf("open review items: %w", err)
	}
	keep := make([]string, len(needs))
	for i, n := range needs {
		keep[i] = n.ObjectID + "/" + n.Reason
	}
	var superseded []string
	if err := tx.SelectContext(ctx, &superseded, `UPDATE review_item SET resolved_at = $1, resolved_by = $2,
		resolution = 'superseded', note = 'the record changed, so the item no longer applies'
		WHERE resolved_at IS NULL AND object_type = $3 AND object_id = ANY($4) AND reason = ANY($5)
		AND NOT (object_id::text || '/' || reason) = ANY($6)
		RETURNING id`, now, journal.ActorSystem, objectType, pq.Array(ids), pq.Array(reasons), pq.Array(keep)); err != nil {
		return fmt.Errorf("close review items: %w", err)
	}
	for _, id := range superseded {
		if err := appendAudit(ctx, tx, journal.ActorSystem, "review.supersede", "review_item", id, nil, nil,
			"the record changed, so the item no longer applies"); err != nil {
			return err
		}
	}
	return nil
}
