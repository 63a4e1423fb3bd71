package innsynskrav

import "testing"

var labelStatuses = []Status{StatusUnverified, StatusReceived, StatusGranted, StatusPartlyGranted,
	StatusRefused, StatusNotHeld, StatusDeemedRefused}

var labelAppealStatuses = []AppealStatus{AppealReceived, AppealReversed, AppealForwarded, AppealUpheld, AppealAllowed}

func TestStatusLabel(t *testing.T) {
	for _, lang := range mailLanguages {
		seen := map[string]Status{}
		for _, s := range labelStatuses {
			label := s.Label(lang)
			switch {
			case label == "" || label == string(s):
				t.Errorf("%s/%s: no label", s, lang)
			case seen[label] != "":
				t.Errorf("%s/%s: label %q is also %s's", s, lang, label, seen[label])
			}
			seen[label] = s
		}
	}
	tests := []struct {
		status Status
		lang   Language
		want   string
	}{
		{StatusReceived, Bokmal, "Mottatt – venter på svar"},
		{StatusGranted, Nynorsk, "Innsyn gjeve"},
		{StatusNotHeld, Nynorsk, "Ikkje hos oss"},
		{StatusDeemedRefused, Bokmal, "Ikke besvart innen fem arbeidsdager – regnes som avslag (du kan klage)"},
		{StatusDeemedRefused, Nynorsk, "Ikkje svart innan fem arbeidsdagar – vert rekna som avslag (du kan klage)"},
		{StatusRefused, English, "Access refused"},
		{StatusRefused, "se", "Innsyn avslått"}, // unknown language: bokmål
		{StatusGranted, "", "Innsyn gitt"},
		{"ukjent", Bokmal, "ukjent"},
	}
	for _, tt := range tests {
		if got := tt.status.Label(tt.lang); got != tt.want {
			t.Errorf("%s.Label(%q) = %q, want %q", tt.status, tt.lang, got, tt.want)
		}
	}
}

func TestAppealStatusLabel(t *testing.T) {
	for _, lang := range mailLanguages {
		if got := AppealNone.Label(lang); got != "" {
			t.Errorf("AppealNone.Label(%s) = %q, want \"\"", lang, got)
		}
		seen := map[string]AppealStatus{}
		for _, a := range labelAppealStatuses {
			label := a.Label(lang)
			switch {
			case label == "" || label == string(a):
				t.Errorf("%s/%s: no label", a, lang)
			case seen[label] != "":
				t.Errorf("%s/%s: label %q is also %s's", a, lang, label, seen[label])
			}
			seen[label] = a
		}
	}
	if got, want := AppealForwarded.Label("de"), AppealForwarded.Label(Bokmal); got != want {
		t.Errorf("unknown language: %q, want bokmål %q", got, want)
	}
	if got, want := AppealForwarded.Label(Nynorsk), "Klaga er sendt til Statsforvaltaren"; got != want {
		t.Errorf("nn: %q, want %q", got, want)
	}
}
