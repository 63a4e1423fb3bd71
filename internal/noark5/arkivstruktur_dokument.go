package noark5

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/innsyn/innsyn/internal/offl"
)

// The dokumentbeskrivelse and dokumentobjekt builders, and the files they name.

// documents turns the dokumentbeskrivelser into the journal's documents
// and their files, and lists the documents that carry a skjerming and the
// titles of all.
func (r *xmlRegB) documents(entryID string) ([]offl.Dokumentbeskrivelse, []File, []xmlDocScreen, []string) {
	var (
		docs    []offl.Dokumentbeskrivelse
		files   []File
		screens []xmlDocScreen
		titles  []string
	)
	numbers := map[int]bool{}
	for i, d := range r.docs {
		id := d.systemID
		if id == "" {
			id = fmt.Sprintf("%s/dokument/%d", entryID, i+1)
			r.add(Problem{Pos: d.pos, Message: fmt.Sprintf("the dokumentbeskrivelse has no systemID; it is given the systemID %q", id)})
		}
		nr := d.nummer
		if nr < 1 {
			nr = i + 1
			r.add(Problem{Pos: d.pos, Message: fmt.Sprintf("the dokumentbeskrivelse has no valid dokumentnummer; it is numbered %d by its place", nr)})
		}
		if numbers[nr] {
			r.add(Problem{Pos: d.pos, Value: id, Message: fmt.Sprintf("another document of the entry has dokumentnummer %d; this one is not imported", nr), Skipped: true})
			continue
		}
		numbers[nr] = true
		tilk := d.tilknytning
		if tilk == "" {
			tilk = offl.Vedlegg
			if nr == 1 {
				tilk = offl.Hoveddokument
			}
			r.add(Problem{Pos: d.pos, Value: d.tilknytningRaw, Message: fmt.Sprintf("tilknyttetRegistreringSom is missing or unknown; read as %s by the dokumentnummer", tilk.WireName())})
		}
		doc := offl.Dokumentbeskrivelse{SystemID: id, Dokumentnummer: nr, TilknyttetRegistreringSom: tilk,
			Dokumenttype: d.dokumenttype, Tittel: d.tittel}
		for _, o := range d.objs {
			doc.Dokumentobjekt = append(doc.Dokumentobjekt, o.obj)
			f := o.file
			f.JournalpostSystemID, f.DokumentSystemID = entryID, id
			files = append(files, f)
		}
		docs = append(docs, doc)
		titles = append(titles, d.tittel)
		if d.skj != nil {
			screens = append(screens, xmlDocScreen{id: id, tittel: d.tittel, s: d.skj})
		}
	}
	return docs, files, screens, titles
}

// xmlDokB is a dokumentbeskrivelse being read.
type xmlDokB struct {
	pos                            Pos
	systemID, dokumenttype, tittel string
	nummer                         int
	tilknytning                    offl.TilknyttetRegistreringSom
	tilknytningRaw                 string
	skj                            *xmlSkjB
	objs                           []xmlParsedObj
}

type xmlParsedObj struct {
	obj  offl.Dokumentobjekt
	file File
}

func (d *xmlDokB) set(e *xmlEngine, name, v string) {
	switch name {
	case "systemID":
		d.systemID = v
	case "dokumenttype":
		d.dokumenttype = v
	case "tittel":
		d.tittel = v
	case "dokumentnummer":
		n, ok := xmlNumber(v)
		if !ok {
			e.problem(v, "the dokumentnummer is not a whole number", false)
		}
		d.nummer = n
	case "tilknyttetRegistreringSom":
		d.tilknytningRaw = v
		d.tilknytning, _ = codeTilknytning(v)
	}
}

// addObj checks a dokumentobjekt and keeps it with its file.
func (d *xmlDokB) addObj(e *xmlEngine, o *xmlObjB) {
	problem := func(value, msg string, skipped bool) { e.problemAt(o.pos, value, msg, skipped) }
	if len(d.objs) >= xmlMaxCodes {
		problem("", fmt.Sprintf("a document with more than %d dokumentobjekter: the rest are not imported", xmlMaxCodes), true)
		return
	}
	variant, ok := codeVariantformat(o.variant)
	switch {
	case o.variant == "":
		variant = offl.Arkivformat
		problem("", "the dokumentobjekt has no variantformat; read as arkivformat", false)
	case !ok:
		problem(o.variant, "unknown variantformat; the dokumentobjekt is not imported", true)
		return
	}
	if o.ref == "" {
		problem("", "the dokumentobjekt has no referanseDokumentfil, so no file; it is not imported", true)
		return
	}
	versjon := 1
	if o.versjon != "" {
		if n, err := codeInt(o.versjon); err == nil && n > 0 {
			versjon = n
		} else {
			problem(o.versjon, "the versjonsnummer is not a positive whole number; read as 1", false)
		}
	}
	for _, x := range d.objs {
		if x.obj.Versjonsnummer == versjon && x.obj.Variantformat == variant {
			problem(o.ref, fmt.Sprintf("another dokumentobjekt of the document is version %d in %s; this one is not imported", versjon, variant.WireName()), true)
			return
		}
	}
	ref, filnavn, why := codeFileRef(o.ref)
	if why != "" {
		problem(o.ref, why, false)
	}
	if utf8.RuneCountInString(filnavn) > xmlMaxFilnavn {
		problem(filnavn, fmt.Sprintf("the file name is longer than %d characters; it is left out", xmlMaxFilnavn), false)
		filnavn = ""
	}
	sum, alg := strings.ToLower(strings.TrimSpace(o.sjekksum)), codeAlgorithm(o.algoritme)
	declared := ""
	if sum != "" && (alg == "SHA256" || alg == "") {
		if codeIsSHA256(sum) {
			declared = sum
		} else {
			problem(o.sjekksum, "the declared SHA-256 checksum is not 64 hex digits; it is not used, and the file's checksum is computed on import", false)
			sum = ""
		}
	}
	d.objs = append(d.objs, xmlParsedObj{
		obj: offl.Dokumentobjekt{Versjonsnummer: versjon, Variantformat: variant, Format: o.format, Filnavn: filnavn, Sjekksum: declared},
		file: File{Versjonsnummer: versjon, Variantformat: variant, Ref: ref, Sjekksum: sum, Algoritme: alg,
			Format: o.format, Filnavn: filnavn, Pos: o.pos},
	})
}

// xmlObjB is a dokumentobjekt being read.
type xmlObjB struct {
	pos                                                Pos
	versjon, variant, format, ref, sjekksum, algoritme string
}

func (o *xmlObjB) set(name, v string) {
	switch name {
	case "versjonsnummer":
		o.versjon = v
	case "variantformat":
		o.variant = v
	case "format":
		o.format = v
	case "referanseDokumentfil":
		o.ref = v
	case "sjekksum":
		o.sjekksum = v
	case "sjekksumAlgoritme":
		o.algoritme = v
	}
}
