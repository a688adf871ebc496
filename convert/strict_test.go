package convert

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// sampleSetup is the bundled mapping and accounts, as leadconv reads them
// with --mapping testdata/mapping.json --pipedrive-account
// testdata/pipedrive --copper-account testdata/copper.
func sampleSetup(t *testing.T, strict bool) Converter {
	t.Helper()
	m, err := os.ReadFile(filepath.Join(root, "mapping.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Setup{Mapping: m, MappingFile: "mapping.json", Strict: strict,
		PipedriveAccount: filepath.Join(root, "pipedrive"), CopperAccount: filepath.Join(root, "copper")}.Converter()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sampleRecords(t *testing.T, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) > 0 {
			out = append(out, bytes.Clone(sc.Bytes()))
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no records", path)
	}
	return out
}

// TestStrictSamples: on the bundled samples, with the bundled mapping and
// accounts, strict conversion rejects a lead exactly when the report lists
// a loss the mapping did not cover, names exactly those paths, and
// converts every other lead as the lenient conversion does. Every dropped
// entry carries a loss kind, and no other entry does.
func TestStrictSamples(t *testing.T) {
	for _, dir := range []struct {
		from, to Format
		file     string
	}{
		{Pipedrive, Copper, filepath.Join(root, "pipedrive", "leads.ndjson")},
		{Copper, Pipedrive, filepath.Join(root, "copper", "leads.ndjson")},
	} {
		t.Run(string(dir.from)+"_to_"+string(dir.to), func(t *testing.T) {
			lenient, err := NewRecordConverter(dir.from, dir.to, sampleSetup(t, false))
			if err != nil {
				t.Fatal(err)
			}
			strict, err := NewRecordConverter(dir.from, dir.to, sampleSetup(t, true))
			if err != nil {
				t.Fatal(err)
			}
			var passed, rejected int
			for i, rec := range sampleRecords(t, dir.file) {
				want, rep, err := lenient.Convert(rec, nil)
				if err != nil {
					t.Fatalf("record %d: lenient conversion: %v", i+1, err)
				}
				var unmapped []string
				for _, ch := range rep {
					switch {
					case ch.Kind == lead.Dropped && !slices.Contains([]lead.LossKind{lead.LossTargetSets, lead.LossNoPlace, lead.LossUnmapped}, ch.Loss):
						t.Errorf("record %d: %s dropped without a loss kind (%q): %s", i+1, ch.Path, ch.Loss, ch.Reason)
					case ch.Kind != lead.Dropped && ch.Loss != "":
						t.Errorf("record %d: %s %s has loss %q", i+1, ch.Path, ch.Kind, ch.Loss)
					}
					for _, claim := range falseClaims {
						if strings.Contains(ch.Reason, claim) {
							t.Errorf("record %d: %s: false reason %q", i+1, ch.Path, ch.Reason)
						}
					}
					if ch.Unmapped() && !slices.Contains(unmapped, ch.Path) {
						unmapped = append(unmapped, ch.Path)
					}
				}
				got, _, err := strict.Convert(rec, nil)
				if len(unmapped) == 0 {
					passed++
					if err != nil {
						t.Errorf("record %d: strict rejects a lead the mapping covers: %v", i+1, err)
					} else if !bytes.Equal(got, want) {
						t.Errorf("record %d: strict output differs:\n%s\nlenient:\n%s", i+1, got, want)
					}
					continue
				}
				rejected++
				var list lead.ErrorList
				if !errors.Is(err, lead.ErrUnmapped) || !errors.As(err, &list) {
					t.Errorf("record %d: strict error = %v, want a lead.ErrorList of lead.ErrUnmapped for %v", i+1, err, unmapped)
					continue
				}
				var paths []string
				for _, fe := range list {
					if !slices.Contains(paths, fe.Path) {
						paths = append(paths, fe.Path)
					}
				}
				slices.Sort(paths)
				slices.Sort(unmapped)
				if diff := cmp.Diff(unmapped, paths); diff != "" {
					t.Errorf("record %d: strict error paths mismatch (-unmapped +errors):\n%s", i+1, diff)
				}
			}
			// The samples hold leads of both kinds: strict is neither a
			// no-op nor a wall.
			if passed == 0 || rejected == 0 {
				t.Errorf("strict converted %d and rejected %d leads; want some of each", passed, rejected)
			}
		})
	}
}

// TestLossKinds pins the kind of loss of the fields that can never reach
// the other side (the README's tables) and of an unmapped one, for each
// direction.
func TestLossKinds(t *testing.T) {
	c := sampleConverter(t)
	c.Mapping.Visibility = VisibilityMapping{Plan: "premium"}
	_, p2c, err := runP2C(t, c, pdLead(`"owner_id": 999, "creator_id": 11208433, "add_time": "2024-05-21T15:32:10.123Z",
		"update_time": "2024-05-22T15:32:10.123Z", "visible_to": "3", "cc_email": "x@pipedrivemail.com",
		"next_activity_id": 5, "expected_close_date": "2024-08-08", "origin_id": "typeform", "channel_id": "c1",
		"is_archived": false, "was_seen": true, "channel": 30`))
	if err != nil {
		t.Fatal(err)
	}
	_, c2p, err := runC2P(t, c, cpLead(`"assignee_id": 1, "date_created": 1581058086, "date_modified": 1586635981,
		"date_last_contacted": 1586635981, "interaction_count": 3, "status": "Contacted", "status_id": 2083403,
		"details": "notes", "socials": [{"url": "https://twitter.com/a", "category": "twitter"}],
		"websites": [{"url": "https://a.example", "category": "work"}], "tags": ["no-such-tag"]`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rep  lead.Report
		path string
		want lead.LossKind
	}{
		{p2c, "id", lead.LossTargetSets},
		{p2c, "add_time", lead.LossTargetSets},
		{p2c, "update_time", lead.LossTargetSets},
		{p2c, "creator_id", lead.LossTargetSets},
		{p2c, "visible_to", lead.LossNoPlace},
		{p2c, "cc_email", lead.LossNoPlace},
		{p2c, "next_activity_id", lead.LossNoPlace},
		{p2c, "expected_close_date", lead.LossNoPlace},
		{p2c, "origin_id", lead.LossNoPlace},
		{p2c, "channel_id", lead.LossNoPlace},
		{p2c, "title", lead.LossNoPlace},
		{p2c, "owner_id", lead.LossUnmapped},
		{c2p, "id", lead.LossTargetSets},
		{c2p, "date_created", lead.LossTargetSets},
		{c2p, "date_modified", lead.LossTargetSets},
		{c2p, "date_last_contacted", lead.LossNoPlace},
		{c2p, "interaction_count", lead.LossNoPlace},
		{c2p, "status_id", lead.LossNoPlace},
		{c2p, "details", lead.LossNoPlace},
		{c2p, "socials[0]", lead.LossNoPlace},
		{c2p, "websites[0]", lead.LossNoPlace},
		{c2p, "assignee_id", lead.LossUnmapped},
		{c2p, "tags[0]", lead.LossUnmapped},
	}
	for _, tt := range tests {
		ch := find(tt.rep, tt.path, lead.Dropped)
		if ch == nil {
			t.Errorf("%s: not dropped; report:\n%s", tt.path, jsonOf(tt.rep))
			continue
		}
		if ch.Loss != tt.want {
			t.Errorf("%s: loss %q, want %q (%s)", tt.path, ch.Loss, tt.want, ch.Reason)
		}
	}
}

// TestStrictEveryPair: a RecordConverter built with Strict rejects an
// unmapped loss for every pair, canonical ones included, and lets the
// other kinds through.
func TestStrictEveryPair(t *testing.T) {
	c := Converter{Strict: true}
	rc, err := NewRecordConverter(Canonical, Copper, c)
	if err != nil {
		t.Fatal(err)
	}
	// An owner from Pipedrive needs a mapping; a BCC address has no place
	// in Copper.
	_, _, err = rc.Convert([]byte(`{"name": {"full": "Anna"}, "owner": {"system": "pipedrive", "id": "7"}}`), nil)
	if !errors.Is(err, lead.ErrUnmapped) {
		t.Errorf("unmapped owner: error = %v, want lead.ErrUnmapped", err)
	}
	out, rep, err := rc.Convert([]byte(`{"name": {"full": "Anna"}, "bcc_email": "x@pipedrivemail.com"}`), nil)
	if err != nil || len(out) == 0 {
		t.Fatalf("a loss of kind no_place is rejected: %v", err)
	}
	if ch := find(rep, "bcc_email", lead.Dropped); ch == nil || ch.Loss != lead.LossNoPlace {
		t.Errorf("bcc_email not dropped as no_place; report:\n%s", jsonOf(rep))
	}
}

// TestLossOnEveryDrop: every dropped entry of every pair's report, the
// adapters' own included, says its loss kind, and no other entry does,
// over the samples read into canonical leads and written to each vendor.
func TestLossOnEveryDrop(t *testing.T) {
	c := sampleSetup(t, false)
	check := func(t *testing.T, name string, rep lead.Report) {
		t.Helper()
		for _, ch := range rep {
			known := slices.Contains([]lead.LossKind{lead.LossTargetSets, lead.LossNoPlace, lead.LossUnmapped}, ch.Loss)
			if (ch.Kind == lead.Dropped) != known || ch.Kind != lead.Dropped && ch.Loss != "" {
				t.Errorf("%s: %s %s has loss %q (%s)", name, ch.Path, ch.Kind, ch.Loss, ch.Reason)
			}
		}
	}
	checked := map[string]int{}
	for _, from := range []Format{Pipedrive, Copper} {
		toCanonical, err := NewRecordConverter(from, Canonical, c)
		if err != nil {
			t.Fatal(err)
		}
		for i, rec := range sampleRecords(t, filepath.Join(root, string(from), "leads.ndjson")) {
			canon, rep, err := toCanonical.Convert(rec, nil)
			if err != nil {
				t.Fatalf("%s record %d to canonical: %v", from, i+1, err)
			}
			check(t, string(from)+" → canonical", rep)
			for _, to := range []Format{Pipedrive, Copper} {
				rc, err := NewRecordConverter(Canonical, to, c)
				if err != nil {
					t.Fatal(err)
				}
				name := "canonical from " + string(from) + " → " + string(to)
				if _, rep, err := rc.Convert(canon, nil); err == nil {
					check(t, name, rep)
					checked[name]++
				}
			}
		}
	}
	// The corpus's own cases (custom currencies, unset values, …), on every
	// direct pair.
	for _, from := range []Format{Pipedrive, Copper} {
		files, _ := filepath.Glob(filepath.Join(root, string(from), "leads", "*.json"))
		for _, to := range []Format{Pipedrive, Copper, Canonical} {
			rc, err := NewRecordConverter(from, to, c)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if _, rep, err := rc.Convert(testkit.MustRead(t, f), nil); err == nil {
					check(t, string(from)+" → "+string(to)+" "+filepath.Base(f), rep)
				}
			}
		}
	}
	// Across vendors the canonical lead lacks what the remap would add (a
	// Copper name, a Pipedrive person): only the same vendor's pairs are
	// sure to convert.
	if checked["canonical from pipedrive → pipedrive"] == 0 || checked["canonical from copper → copper"] == 0 {
		t.Errorf("converted records per pair: %v, want some back to the same vendor", checked)
	}
}
