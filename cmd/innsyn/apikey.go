package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/innsyn/innsyn/internal/auth"
	"github.com/innsyn/innsyn/internal/postgres"
)

// cliActor is the audit log's actor for changes made on the command line.
const cliActor = "cli"

func apikeyCommand(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("apikey: use create, list or revoke")
	}
	if cfg.DatabaseURL == "" {
		return fmt.Errorf("apikey: set INNSYN_DATABASE_URL (or --database-url); innsyn demo prints the demo's")
	}
	db, err := postgres.OpenMigrated(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	keys := postgres.NewKeyStore(db, now)
	switch args[0] {
	case "create":
		return createKey(ctx, keys, args[1:], stdout, stderr)
	case "list":
		return listKeys(ctx, keys, stdout)
	case "revoke":
		if len(args) != 2 {
			return fmt.Errorf("apikey revoke: name the key's ID (see apikey list)")
		}
		if err := keys.RevokeKey(ctx, cliActor, args[1]); err != nil {
			return fmt.Errorf("apikey revoke: %w", err)
		}
		fmt.Fprintln(stdout, "revoked")
		return nil
	}
	return fmt.Errorf("apikey: unknown action %q (use create, list or revoke)", args[0])
}

func createKey(ctx context.Context, keys auth.KeyStore, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("innsyn apikey create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "", "reader (third-party apps), arkivar (archive staff) or admin")
	name := fs.String("name", "", "who or what the key is for")
	expires := fs.String("expires", "", "lifetime such as 90d or 12h; default: never")
	if err := fs.Parse(args); err != nil {
		return err
	}
	r, err := auth.ParseRole(*role)
	if err != nil {
		return fmt.Errorf("apikey create --role: %w", err)
	}
	var expiresAt time.Time
	if *expires != "" {
		d, err := parseLifetime(*expires)
		if err != nil {
			return fmt.Errorf("apikey create --expires: %w", err)
		}
		expiresAt = now().Add(d)
	}
	k, secret, err := keys.CreateKey(ctx, cliActor, *name, r, expiresAt)
	if err != nil {
		return fmt.Errorf("apikey create: %w", err)
	}
	fmt.Fprintln(stdout, secret)
	fmt.Fprintf(stderr, "created %s key %q (id %s). The key is shown only now: keep it safe.\n", k.Role, k.Name, k.ID)
	return nil
}

// parseLifetime reads a duration, also in days ("90d").
func parseLifetime(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > 3650 {
			return 0, fmt.Errorf("%q is not a number of days between 1 and 3650", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a lifetime such as 90d or 12h", s)
	}
	return d, nil
}

func listKeys(ctx context.Context, keys auth.KeyStore, stdout io.Writer) error {
	list, err := keys.ListKeys(ctx)
	if err != nil {
		return fmt.Errorf("apikey list: %w", err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tROLE\tPREFIX\tCREATED\tEXPIRES\tSTATE")
	for _, k := range list {
		state := "active"
		switch {
		case !k.RevokedAt.IsZero():
			state = "revoked"
		case !k.ExpiresAt.IsZero() && !now().Before(k.ExpiresAt):
			state = "expired"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s…\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, k.Prefix,
			k.CreatedAt.Format(time.DateOnly), optionalDate(k.ExpiresAt), state)
	}
	return tw.Flush()
}

func optionalDate(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Format(time.DateOnly)
}
