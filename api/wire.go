package api

import (
	"time"

	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// Wire types shared by several resources. Field names and enum values
// follow eInnsyn's (LAW.md § 5) so that apps written for it feel at home.

// Enhet is an administrative unit.
type Enhet struct {
	ID         string `json:"id" doc:"The unit's ID." example:"enh_5b0e6f8e2d0c4c3f9a1b2c3d4e5f6a7b"`
	Enhetskode string `json:"enhetskode" doc:"The unit's short code." example:"PLAN"`
	Navn       string `json:"navn" doc:"The unit's name." example:"Plan og byggesak"`
	Parent     string `json:"parent,omitempty" doc:"The ID of the unit above it; absent for the top unit." example:"enh_0a1b2c3d4e5f60718293a4b5c6d7e8f9"`
}

func newEnhet(e *journal.Enhet) *Enhet {
	if e == nil {
		return nil
	}
	return &Enhet{ID: wireID(kindEnhet, e.ID), Enhetskode: e.Kode, Navn: e.Navn, Parent: wireID(kindEnhet, e.ParentID)}
}

// Skjerming is what the public is told about an exemption.
type Skjerming struct {
	Tilgangsrestriksjon string `json:"tilgangsrestriksjon,omitempty" doc:"The body's access code (Noark 5 M500)." example:"UO"`
	Skjermingshjemmel   string `json:"skjermingshjemmel,omitempty" doc:"The legal basis as the body wrote it (Noark 5 M501)." example:"Offl. § 13 jf. fvl. § 13 første ledd nr. 1"`
}

func newSkjerming(s *offl.PublicSkjerming) *Skjerming {
	if s == nil {
		return nil
	}
	return &Skjerming{Tilgangsrestriksjon: s.Tilgangsrestriksjon, Skjermingshjemmel: s.Skjermingshjemmel}
}

// date formats a date; the zero time is "".
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// parseDate reads an optional YYYY-MM-DD query value; huma has already
// checked its format.
func parseDate(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// List is one page of a list.
type List[T any] struct {
	Items []T    `json:"items" doc:"The items of this page."`
	Next  string `json:"next,omitempty" doc:"Pass as cursor to get the next page; absent on the last page." example:"eyJsIjoiam91cm5hbHBvc3QiLCJkIjoiMjAyNC0wNS0wMiIsImEiOjIwMjQsImIiOjQ1Njd9"`
}

// PageParams are the paging parameters of every list.
type PageParams struct {
	Cursor string `query:"cursor" maxLength:"512" doc:"The next value of the previous page; omit for the first page." example:"eyJsIjoiam91cm5hbHBvc3QiLCJkIjoiMjAyNC0wNS0wMiIsImEiOjIwMjQsImIiOjQ1Njd9"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"25" doc:"How many items a page holds, 1 to 100." example:"25"`
}
