package convert

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestCustomCurrencyRoutes: a Pipedrive lead in the account's custom
// currency converts on every route and round-trips, with the account's
// currencies (silently) and without them (reported as unverified); a
// hand-built canonical lead with a typo for a currency stays an error.
func TestCustomCurrencyRoutes(t *testing.T) {
	rec := testkit.MustRead(t, filepath.Join(root, "pipedrive", "leads", "custom_currency.json"))
	withAccount := sample(t)
	without := withAccount
	without.Pipedrive.Currencies = nil
	for _, tt := range []struct {
		name       string
		c          Converter
		unverified bool
	}{
		{"with currencies.json", withAccount, false},
		{"without currencies.json", without, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			convert := func(from, to Format, in []byte) ([]byte, lead.Report) {
				t.Helper()
				rc, err := NewRecordConverter(from, to, tt.c)
				if err != nil {
					t.Fatal(err)
				}
				out, rep, err := rc.Convert(in, nil)
				if err != nil {
					t.Fatalf("%s → %s: %v", from, to, err)
				}
				return out, rep
			}
			hasUnverified := func(rep lead.Report) bool {
				return slices.ContainsFunc(rep, func(c lead.Change) bool {
					return c.Kind == lead.Unverified && c.Path == "value.currency"
				})
			}

			// pipedrive → pipedrive gives the lead back.
			same, rep := convert(Pipedrive, Pipedrive, rec)
			if eq, err := jsonwire.Equal(rec, same); err != nil || !eq {
				t.Errorf("pipedrive → pipedrive changed the lead:\n%s", same)
			}
			// The identity loses nothing; an unchecked code stays unchecked,
			// and says so as the reading does.
			if hasUnverified(rep) != tt.unverified || slices.ContainsFunc(rep, func(c lead.Change) bool { return c.Kind != lead.Unverified }) {
				t.Errorf("pipedrive → pipedrive report %v; want only the unverified notes (%v)", rep, tt.unverified)
			}

			// pipedrive → canonical → canonical → pipedrive.
			canon, rep := convert(Pipedrive, Canonical, rec)
			if hasUnverified(rep) != tt.unverified {
				t.Errorf("pipedrive → canonical report %v; want unverified %v", rep, tt.unverified)
			}
			if !strings.Contains(string(canon), `"currency":"BTC","custom_currency":true`) {
				t.Errorf("canonical output does not mark the custom currency:\n%s", canon)
			}
			again, _ := convert(Canonical, Canonical, canon)
			if string(again) != string(canon) {
				t.Errorf("canonical → canonical changed the lead:\n%s\n%s", canon, again)
			}
			// A canonical lead read from Pipedrive goes back as the lead
			// object, the code as it came (the identity's rule above).
			body, _ := convert(Canonical, Pipedrive, canon)
			if !strings.Contains(string(body), `"value":{"amount":0.01250000,"currency":"BTC"}`) {
				t.Errorf("canonical → pipedrive lost the value:\n%s", body)
			}

			// pipedrive → copper: Copper's monetary_unit takes ISO codes.
			cp, rep := convert(Pipedrive, Copper, rec)
			if strings.Contains(string(cp), "monetary") || !slices.ContainsFunc(rep, func(c lead.Change) bool {
				return c.Path == "value" && c.Kind == lead.Dropped
			}) {
				t.Errorf("pipedrive → copper: %s\nreport %v; want value dropped and reported", cp, rep)
			}
		})
	}

	// A typo in a hand-built lead is still an error.
	_, err := DecodeCanonical([]byte(`{"title":"t","value":{"amount":1,"currency":"EURO"}}`))
	if !errors.Is(err, lead.ErrInvalid) || !strings.Contains(err.Error(), "value.currency: iso4217: invalid") {
		t.Errorf("EURO: err = %v, want value.currency: iso4217: invalid", err)
	}
}
