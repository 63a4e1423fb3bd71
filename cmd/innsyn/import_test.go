package main

import (
	"reflect"
	"testing"
)

func TestImportArguments(t *testing.T) {
	for _, tc := range []struct {
		args             []string
		service          []string
		path, source     string
		dryRun, prune, j bool
	}{
		{args: []string{"uttrekk.zip"}, path: "uttrekk.zip", source: "uttrekk"},
		{args: []string{"--dry-run", "--data-dir", "x", "uttrekk.tar.gz", "--prune"}, service: []string{"--data-dir", "x"},
			path: "uttrekk.tar.gz", source: "uttrekk", dryRun: true, prune: true},
		{args: []string{"--source=kommune", "--log-level", "warn", "postliste.csv", "--json"}, service: []string{"--log-level", "warn"},
			path: "postliste.csv", source: "kommune", j: true},
		{args: []string{"--source", "kommune", "dir/arkivstruktur.xml"}, path: "dir/arkivstruktur.xml", source: "kommune"},
	} {
		service, own := splitImportFlags(tc.args)
		if !reflect.DeepEqual(service, tc.service) {
			t.Errorf("%v: service flags %v, want %v", tc.args, service, tc.service)
		}
		o, err := parseImportArgs(own)
		if err != nil {
			t.Errorf("%v: %v", tc.args, err)
			continue
		}
		if o.path != tc.path || o.source != tc.source || o.dryRun != tc.dryRun || o.prune != tc.prune || o.asJSON != tc.j {
			t.Errorf("%v: %+v", tc.args, o)
		}
	}
	for _, bad := range [][]string{{}, {"a.zip", "b.zip"}, {"--nonsense", "a.zip"}} {
		if _, err := parseImportArgs(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}
