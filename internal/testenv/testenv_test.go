package testenv

import (
	"database/sql"
	"net/url"
	"testing"
)

func TestDatabase(t *testing.T) {
	first, second := Database(t), Database(t)
	if first == second {
		t.Fatalf("Database returned %s twice", first)
	}
	names := map[string]bool{}
	for _, dsn := range []string{first, second} {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var name string
		var migrated bool
		err = db.QueryRow("SELECT current_database(), to_regclass('public.journalpost') IS NOT NULL").Scan(&name, &migrated)
		if err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		if !migrated {
			t.Errorf("%s has no table journalpost: not cloned from the migrated template", name)
		}
		if u, _ := url.Parse(dsn); u.Path != "/"+name {
			t.Errorf("URL %s leads to database %s", dsn, name)
		}
		names[name] = true
	}
	if len(names) != 2 {
		t.Errorf("both URLs lead to the same database: %v", names)
	}
}

// Clones made at once, as parallel tests and test processes do, all succeed.
func TestDatabaseConcurrent(t *testing.T) {
	for range 8 {
		t.Run("clone", func(t *testing.T) {
			t.Parallel()
			db, err := sql.Open("postgres", Database(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Ping(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestServers(t *testing.T) {
	if s3 := S3Server(t); s3.Endpoint == "" || s3.AccessKey == "" || s3.SecretKey == "" || s3.Region != "us-east-1" {
		t.Errorf("S3Server = %+v", s3)
	}
	if api, smtp := Mailpit(t); api == "" || smtp == "" {
		t.Errorf("Mailpit = %q, %q", api, smtp)
	}
}
