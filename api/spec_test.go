package api

import (
	"bytes"
	"flag"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/innsyn/innsyn/internal/offl"
)

var update = flag.Bool("update", false, "rewrite openapi/openapi.yaml from the code")

const specPath = "../openapi/openapi.yaml"

// The committed spec is a golden file: every change to the contract shows
// up as a reviewed diff (regenerate with `make openapi`).
func TestSpecIsCommitted(t *testing.T) {
	spec, err := Spec()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(specPath, spec, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(spec, committed) {
		t.Fatal("openapi/openapi.yaml differs from the code: run `make openapi` and review the diff")
	}
}

func specOperations(t *testing.T) []*huma.Operation {
	t.Helper()
	api := humago.New(http.NewServeMux(), config())
	register(api, Deps{})
	var ops []*huma.Operation
	for _, item := range api.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Get, item.Put, item.Post, item.Delete, item.Patch} {
			if op != nil {
				ops = append(ops, op)
			}
		}
	}
	return ops
}

// Every operation is documented well enough to use without reading code.
func TestSpecDocumentsEveryOperation(t *testing.T) {
	for _, op := range specOperations(t) {
		t.Run(op.OperationID, func(t *testing.T) {
			if op.OperationID == "" || op.Summary == "" || len(op.Description) < 40 {
				t.Errorf("%s %s needs an id, a summary and a description", op.Method, op.Path)
			}
			hasError := false
			for code := range op.Responses {
				if strings.HasPrefix(code, "4") || strings.HasPrefix(code, "5") {
					hasError = true
				}
			}
			if !hasError {
				t.Errorf("no error response documented")
			}
			for _, p := range op.Parameters {
				if p.Description == "" || (p.Example == nil && p.Schema.Examples == nil) {
					t.Errorf("parameter %s needs a description and an example", p.Name)
				}
			}
		})
	}
}

// Every property of every schema has a description, and every scalar one
// an example, so that the spec shows what real values look like.
func TestSpecDocumentsEveryField(t *testing.T) {
	api := humago.New(http.NewServeMux(), config())
	register(api, Deps{})
	for name, schema := range api.OpenAPI().Components.Schemas.Map() {
		for prop, s := range schema.Properties {
			if prop == "$schema" {
				continue
			}
			if s.Description == "" {
				t.Errorf("%s.%s has no description", name, prop)
			}
			scalar := s.Type == "string" || s.Type == "integer" || s.Type == "boolean" || s.Type == "number"
			if scalar && len(s.Examples) == 0 {
				t.Errorf("%s.%s has no example", name, prop)
			}
		}
	}
}

// The enums written in struct tags are the vocabulary offl defines.
func TestSpecEnumsMatchTheVocabulary(t *testing.T) {
	api := humago.New(http.NewServeMux(), config())
	register(api, Deps{})
	schemas := api.OpenAPI().Components.Schemas.Map()
	check := func(schema, prop string, want []string) {
		s := schemas[schema].Properties[prop]
		if s == nil {
			t.Fatalf("%s.%s missing", schema, prop)
		}
		var got []string
		for _, e := range s.Enum {
			got = append(got, e.(string))
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s.%s enum %v, want %v", schema, prop, got, want)
		}
	}
	check("Journalpost", "journalposttype", offl.JournalposttypeNames())
	check("StaffJournalpost", "journalposttype", offl.JournalposttypeNames())
	check("StaffJournalpost", "journalstatus", offl.JournalstatusNames())
	check("Korrespondansepart", "korrespondanseparttype", offl.KorrespondanseparttypeNames())
	check("StaffKorrespondansepart", "korrespondanseparttype", offl.KorrespondanseparttypeNames())
	check("Dokumentbeskrivelse", "tilknyttetRegistreringSom", offl.TilknyttetRegistreringSomNames())
	check("Dokumentobjekt", "variantformat", offl.VariantformatNames())
}
