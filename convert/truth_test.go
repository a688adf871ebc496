package convert

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/lead"
)

// A truthCase is one conversion and what its report must and must not say.
type truthCase struct {
	name string
	c2p  bool   // Copper → Pipedrive; else Pipedrive → Copper
	conv string // "sample" (mapping, accounts, directory), "bare" (the mapping only), "nocurrency" (sample without defaults.currency)
	in   string
	// want lists entries the report must hold: path, kind, and a reason
	// and detail that contain the given text.
	want []lead.Change
	// notDropped lists paths the report must not list as dropped: they
	// carried no information, or reached the target.
	notDropped []string
	// out lists values of the output, as in ruleCase.want.
	out map[string]string
	// errPath, when set, is the path the conversion's error must name
	// first; errPaths, when set, all the paths it names.
	errPath  string
	errPaths []string
}

// falseClaims are phrases that were once reasons and are false about the
// vendors: Pipedrive persons have postal_address and job_title; a bundle
// for Pipedrive carries no vendor data.
var falseClaims = []string{
	"have no postal address",
	"carry no job title",
	"kept only in vendor data",
	"no Copper counterpart",
	"no counterpart in the other system",
}

// TestReportTellsTheTruth is a table test over the report's entries and
// reasons: unset values are not reported, a source field another one
// supersedes says so, reasons are true statements about the vendors, and
// every part of a Copper name reaches the person or the report.
func TestReportTellsTheTruth(t *testing.T) {
	const hex = "1111111111111111111111111111111111111111"
	tests := []truthCase{
		// D1: unset values carry nothing and are not reported.
		{name: "copper checkbox false is unset", c2p: true, conv: "sample",
			in:         cpLead(`"custom_fields": [{"custom_field_definition_id": 420106, "value": false}]`),
			notDropped: []string{"custom_fields[0]"}},
		{name: "copper checkbox true is reported", c2p: true, conv: "sample",
			in:   cpLead(`"custom_fields": [{"custom_field_definition_id": 420106, "value": true}]`),
			want: []lead.Change{{Path: "custom_fields[0]", Kind: lead.Dropped, Reason: "no Pipedrive field", Detail: "420106"}}},
		{name: "copper unset values without definitions", c2p: true, conv: "bare",
			in: cpLead(`"custom_fields": [{"custom_field_definition_id": 420106, "value": false},
				{"custom_field_definition_id": 420104, "value": []}, {"custom_field_definition_id": 420108, "value": null}]`),
			notDropped: []string{"custom_fields[0]", "custom_fields[1]", "custom_fields[2]"}},
		{name: "copper null unknown keys", c2p: true, conv: "sample",
			in:         cpLead(`"converted_value": null, "converted_unit": null, "converted_at": null`),
			notDropped: []string{"converted_value", "converted_unit", "converted_at"}},
		{name: "copper unknown key with a value is reported", c2p: true, conv: "sample",
			in:   cpLead(`"converted_value": 12`),
			want: []lead.Change{{Path: "converted_value", Kind: lead.Dropped, Reason: "Pipedrive leads have no counterpart"}}},
		{name: "pipedrive null custom and unknown keys", conv: "sample",
			in: pdLead(`"` + hex + `": null, "53a12945a93258ef7777682c5796a670482c590e": null,
				"53a12945a93258ef7777682c5796a670482c590e_until": null, "sample_extra": null`),
			notDropped: []string{hex, "53a12945a93258ef7777682c5796a670482c590e", "53a12945a93258ef7777682c5796a670482c590e_until", "sample_extra"}},
		{name: "pipedrive null custom key without an account", conv: "bare",
			in:         pdLead(`"` + hex + `": null`),
			notDropped: []string{hex}},
		{name: "pipedrive unknown key with a value is reported", conv: "sample",
			in:   pdLead(`"sample_extra": "x"`),
			want: []lead.Change{{Path: "sample_extra", Kind: lead.Dropped, Reason: "Copper leads have no counterpart"}}},

		// D2: channel decides the customer source; source_name, which the
		// mapping also maps, is superseded.
		{name: "source_name superseded by channel", conv: "sample",
			in:  pdLead(`"channel": 30, "source_name": "Web forms", "origin": "API"`),
			out: map[string]string{"customer_source_id": "1118250"},
			want: []lead.Change{
				{Path: "channel", Kind: lead.Derived},
				{Path: "source_name", Kind: lead.Dropped, Reason: "superseded by channel"},
				{Path: "origin", Kind: lead.Dropped, Reason: "given here by channel"},
			}},

		// D3: true reasons.
		{name: "address goes to the new person", c2p: true, conv: "sample",
			in:         cpLead(`"address": {"street": "Torstraße 17", "city": "Berlin", "postal_code": "10119", "country": "DE"}`),
			out:        map[string]string{"person.postal_address": `"Torstraße 17, Berlin, 10119, DE"`},
			notDropped: []string{"address"}},
		{name: "job title goes to the new person", c2p: true, conv: "sample",
			in:         cpLead(`"title": "CTO"`),
			out:        map[string]string{"person.job_title": `"CTO"`, "lead.title": `"Anna Schäfer"`},
			notDropped: []string{"title"}},
		{name: "matched person is not updated", c2p: true, conv: "sample",
			in: `{"id": 9001, "name": "Dmitri Sokolov", "email": {"email": "d.sokolov@severveter.ru"},
				"title": "CFO", "address": {"city": "Moskva"}}`,
			want: []lead.Change{
				{Path: "address", Kind: lead.Dropped, Reason: "the matched person is not updated"},
				{Path: "title", Kind: lead.Dropped, Reason: "persons are not updated"},
			}},
		{name: "amount without currency in a bundle", c2p: true, conv: "nocurrency",
			in:   cpLead(`"monetary_value": 2500`),
			want: []lead.Change{{Path: "monetary_value", Kind: lead.Dropped, Reason: "defaults.currency", Detail: "2500"}}},
		{name: "no name under strict names every path", c2p: true, conv: "strict",
			in:      `{"id": 9001, "title": "CTO", "tags": ["no-such-tag"], "phone_numbers": [{"number": "+49 30 1234567", "category": "work"}]}`,
			errPath: "name", errPaths: []string{"name", "tags[0]"}},
		{name: "no name names name, not the job title", c2p: true, conv: "sample",
			in: `{"id": 9001, "title": "CTO", "phone_numbers": [{"number": "+49 30 1234567", "category": "work"}]}`, errPath: "name"},

		// C4: a name part that name lacks is reported.
		{name: "suffix not in name", c2p: true, conv: "sample",
			in: `{"id": 9001, "name": "Dr. Anna M. Schäfer", "prefix": "Dr.", "first_name": "Anna",
				"middle_name": "M.", "last_name": "Schäfer", "suffix": "PhD"}`,
			out:        map[string]string{"person.name": `"Dr. Anna M. Schäfer"`},
			want:       []lead.Change{{Path: "suffix", Kind: lead.Dropped, Detail: "PhD"}},
			notDropped: []string{"prefix", "first_name", "middle_name", "last_name"}},
		{name: "name parts all in name", c2p: true, conv: "sample",
			in: `{"id": 9001, "name": "Dr. Anna M. Schäfer PhD", "prefix": "Dr.", "first_name": "Anna",
				"middle_name": "M.", "last_name": "Schäfer", "suffix": "PhD"}`,
			notDropped: []string{"prefix", "first_name", "middle_name", "last_name", "suffix"}},
	}
	sample := sampleConverter(t)
	bare := Converter{Mapping: mustMapping(t, filepath.Join(root, "mapping.json"))}
	nocurrency := sample
	nocurrency.Mapping.Defaults.Currency = ""
	nocurrency.Copper.DefaultCurrency = ""
	strict := sample
	strict.Strict = true
	convs := map[string]Converter{"sample": sample, "bare": bare, "nocurrency": nocurrency, "strict": strict}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := convs[tc.conv]
			if !ok {
				t.Fatalf("unknown converter %q", tc.conv)
			}
			run := runP2C
			if tc.c2p {
				run = runC2P
			}
			out, rep, err := run(t, c, tc.in)
			if tc.errPath != "" {
				var list lead.ErrorList
				if !errors.As(err, &list) || len(list) == 0 || list[0].Path != tc.errPath {
					t.Fatalf("error = %v, want one naming %s first", err, tc.errPath)
				}
				var paths []string
				for _, fe := range list {
					paths = append(paths, fe.Path)
				}
				if tc.errPaths != nil && !slices.Equal(paths, tc.errPaths) {
					t.Errorf("error paths %q, want %q", paths, tc.errPaths)
				}
				for _, fe := range list {
					if fe.Path == "title" {
						t.Errorf("error names title, Copper's job title: %v", fe)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("conversion: %v", err)
			}
			checkRule(t, out, rep, ruleCase{want: tc.out})
			for _, w := range tc.want {
				if !hasEntry(rep, w) {
					t.Errorf("report lacks %s %s with reason ~%q, detail ~%q; report:\n%s", w.Kind, w.Path, w.Reason, w.Detail, jsonOf(rep))
				}
			}
			for _, p := range tc.notDropped {
				if ch := find(rep, p, lead.Dropped); ch != nil {
					t.Errorf("report drops %s (%s), which lost nothing", p, ch.Reason)
				}
			}
			for _, ch := range rep {
				for _, claim := range falseClaims {
					if strings.Contains(ch.Reason, claim) {
						t.Errorf("%s: false reason %q", ch.Path, ch.Reason)
					}
				}
			}
		})
	}
}

// hasEntry reports whether rep holds an entry at w.Path of w.Kind whose
// reason and detail contain w's.
func hasEntry(rep lead.Report, w lead.Change) bool {
	for _, ch := range rep {
		if ch.Path == w.Path && ch.Kind == w.Kind && strings.Contains(ch.Reason, w.Reason) && strings.Contains(ch.Detail, w.Detail) {
			return true
		}
	}
	return false
}
