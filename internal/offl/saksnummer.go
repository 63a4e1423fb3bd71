package offl

import (
	"fmt"
	"regexp"
	"strconv"
)

// FormatSaksnummer writes a case number the way journals print it: "2024/123".
func FormatSaksnummer(saksaar, sakssekvensnummer int) string {
	return fmt.Sprintf("%d/%d", saksaar, sakssekvensnummer)
}

// Saksnummer is a parsed case number, optionally with the entry's number in
// the case ("2024/123-4": journalpostnummer 4).
type Saksnummer struct {
	Saksaar           int
	Sakssekvensnummer int
	// Journalpostnummer is 0 when the text names only the case.
	Journalpostnummer int
}

// SaksnummerPattern is the accepted form; two-digit years mean 20YY.
const SaksnummerPattern = `^(\d{2}|\d{4})/(\d{1,7})(-(\d{1,5}))?$`

var saksnummerRE = regexp.MustCompile(SaksnummerPattern)

// ParseSaksnummer reads "2024/123", "24/123" or "2024/123-4".
func ParseSaksnummer(s string) (Saksnummer, error) {
	m := saksnummerRE.FindStringSubmatch(s)
	if m == nil {
		return Saksnummer{}, fmt.Errorf("saksnummer %q is not of the form 2024/123 or 2024/123-4", s)
	}
	var n Saksnummer
	n.Saksaar, _ = strconv.Atoi(m[1])
	if len(m[1]) == 2 {
		n.Saksaar += 2000
	}
	n.Sakssekvensnummer, _ = strconv.Atoi(m[2])
	if m[4] != "" {
		n.Journalpostnummer, _ = strconv.Atoi(m[4])
	}
	return n, nil
}
