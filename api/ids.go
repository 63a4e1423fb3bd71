package api

import (
	"regexp"
	"strings"
)

// IDs on the wire are opaque and stable: a prefix naming the kind of
// object, then the record's UUID as 32 hex digits ("jp_0c3f…"). The prefix
// lets clients and people tell IDs apart and catches an ID used in the
// wrong place.
const (
	kindJournalpost = "jp"
	kindSaksmappe   = "sm"
	kindEnhet       = "enh"
	kindDokument    = "dok"
	kindAPIKey      = "key"
	kindReview      = "rev"
	kindFil         = "fil"
)

// objectKinds maps the object types the audit log and review queue name
// to their wire ID prefixes.
var objectKinds = map[string]string{
	"journalpost": kindJournalpost, "saksmappe": kindSaksmappe, "dokumentbeskrivelse": kindDokument, "dokumentobjekt": kindFil,
	"api_key": kindAPIKey, "review_item": kindReview, "enhet": kindEnhet,
}

// objectWireID writes the ID of an object of a named type; an ID that is
// not a UUID (or of an unknown type) stays as it is.
func objectWireID(objectType, id string) string {
	if kind, ok := objectKinds[objectType]; ok && len(id) == 36 {
		return wireID(kind, id)
	}
	return id
}

// parseAnyID reads a wire ID of any kind, returning the UUID.
func parseAnyID(id string) (string, bool) {
	for _, kind := range objectKinds {
		if uuid, ok := parseID(kind, id); ok {
			return uuid, true
		}
	}
	return "", false
}

// wireID returns the ID of a record for the wire; "" stays "".
func wireID(kind, uuid string) string {
	if uuid == "" {
		return ""
	}
	return kind + "_" + strings.ReplaceAll(uuid, "-", "")
}

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

// parseID returns the UUID behind a wire ID of the given kind. ok is false
// for anything else, which handlers answer as "not found".
func parseID(kind, id string) (uuid string, ok bool) {
	h, found := strings.CutPrefix(id, kind+"_")
	if !found || !hex32.MatchString(h) {
		return "", false
	}
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32], true
}

// idPattern is the schema pattern of an ID of a kind.
func idPattern(kind string) string { return "^" + kind + "_[0-9a-f]{32}$" }
