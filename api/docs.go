package api

import (
	"html/template"
	"net/http"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// serveDocs renders a plain HTML page from the OpenAPI document: every
// operation with its summary, description and parameters. It loads no
// scripts or styles from elsewhere, so it works offline and tells no third
// party who reads it.
func serveDocs(spec *huma.OpenAPI) http.HandlerFunc {
	type param struct{ Name, In, Description string }
	type op struct {
		Method, Path, ID, Summary, Description string
		Params                                 []param
		Staff                                  bool
	}
	var ops []op
	for path, item := range spec.Paths {
		for method, o := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "DELETE": item.Delete, "PATCH": item.Patch} {
			if o == nil {
				continue
			}
			x := op{Method: method, Path: path, ID: o.OperationID, Summary: o.Summary, Description: o.Description, Staff: len(o.Security) > 0}
			for _, p := range o.Parameters {
				x.Params = append(x.Params, param{p.Name, p.In, p.Description})
			}
			ops = append(ops, x)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		return ops[i].Path+ops[i].Method < ops[j].Path+ops[j].Method
	})
	page := template.Must(template.New("docs").Funcs(template.FuncMap{"lower": strings.ToLower}).Parse(docsTemplate))
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		page.Execute(w, struct {
			Title, Version, Description string
			Ops                         []op
		}{spec.Info.Title, spec.Info.Version, spec.Info.Description, ops})
	}
}

const docsTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} API {{.Version}}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .2em}.op{border-top:1px solid #ccc;padding:.5rem 0}
.m{font-weight:bold;display:inline-block;min-width:4em}.staff{color:#a40}</style></head>
<body><h1>{{.Title}} API {{.Version}}</h1><p>{{.Description}}</p>
<p>The machine-readable contract: <a href="/openapi.yaml">/openapi.yaml</a> (also <a href="/openapi.json">JSON</a>).</p>
{{range .Ops}}<div class="op" id="{{.ID}}"><h2><span class="m">{{.Method}}</span> <code>{{.Path}}</code></h2>
<p><strong>{{.Summary}}</strong>{{if .Staff}} <span class="staff">(staff: needs an API key)</span>{{end}}</p>
<p>{{.Description}}</p>{{if .Params}}<ul>{{range .Params}}<li><code>{{.Name}}</code> ({{.In}}): {{.Description}}</li>{{end}}</ul>{{end}}</div>
{{end}}</body></html>`
