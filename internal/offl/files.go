package offl

import (
	"slices"
)

// PublicFil is the file of a document that anyone may download.
type PublicFil struct {
	ObjektID      string
	Variantformat Variantformat
	Filnavn       string
	MediaType     string
	Storrelse     int64
	Sjekksum      string
	StorageKey    string
	// Searchable: the file's text may join the public search text.
	Searchable bool
}

// Held says why a file is not published yet; "" when it is.
type Held string

// Why a file waits for staff (offentlegforskrifta § 7).
const (
	// HeldIdentityNumber: its text holds an identity number.
	HeldIdentityNumber Held = "identity_number"
	// HeldNoText: no text could be read (a scan, encrypted, broken), so the
	// automatic checks could not run.
	HeldNoText Held = "no_text"
)

// FileHold is a file held back for staff review.
type FileHold struct {
	ObjektID string
	Reason   Held
	Numbers  []string
	Status   TextStatus
}

// fullText reports whether the body publishes documents of entries of the
// type in full text.
func (p Policy) fullText(t Journalposttype) bool {
	return p.FullTextTypes == nil || slices.Contains(p.FullTextTypes, t)
}

// publicFile picks the file of a document the public may download:
// the redacted public variant (O) when there is one, else the archive
// format (A) unless parts of the document are screened. The file must have
// passed the automatic checks: its text read and free of unapproved
// identity numbers, or — with no readable text — approved by staff.
func publicFile(d Dokumentbeskrivelse, partsScreened bool, t Journalposttype, policy Policy) (*PublicFil, *FileHold) {
	if !policy.fullText(t) {
		return nil, nil
	}
	chosen := latest(d.Dokumentobjekt, OffentligVariant)
	if chosen == nil && !partsScreened {
		chosen = latest(d.Dokumentobjekt, Arkivformat)
	}
	if chosen == nil {
		return nil, nil
	}
	switch chosen.TextStatus {
	case TextOK:
		if found := unapproved(chosen.IdentityNumbers, chosen.ApprovedNumbers); len(found) > 0 {
			return nil, &FileHold{ObjektID: chosen.ID, Reason: HeldIdentityNumber, Numbers: found, Status: chosen.TextStatus}
		}
	case TextNone, TextEncrypted, TextFailed, TextUnsupported:
		if !chosen.TextReviewed {
			return nil, &FileHold{ObjektID: chosen.ID, Reason: HeldNoText, Status: chosen.TextStatus}
		}
	default: // pending: not checked yet
		return nil, nil
	}
	return &PublicFil{ObjektID: chosen.ID, Variantformat: chosen.Variantformat, Filnavn: chosen.Filnavn,
		MediaType: chosen.MediaType, Storrelse: chosen.Storrelse, Sjekksum: chosen.Sjekksum,
		StorageKey: chosen.StorageKey, Searchable: chosen.TextStatus == TextOK}, nil
}

// latest is the highest version of a variant.
func latest(objects []Dokumentobjekt, v Variantformat) *Dokumentobjekt {
	var out *Dokumentobjekt
	for i := range objects {
		if o := &objects[i]; o.Variantformat == v && (out == nil || o.Versjonsnummer > out.Versjonsnummer) {
			out = o
		}
	}
	return out
}
