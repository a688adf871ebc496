package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// A Mapping says how the id spaces of one Pipedrive account and one Copper
// account correspond: users, labels and tags, sources, statuses, custom
// fields and their options. It also holds the defaults a conversion needs
// where the target requires a value the source lacks. The converter never
// guesses an id: whatever a Mapping does not list is dropped and reported
// (or, with Strict, is an error).
//
// A Mapping is read from JSON (see ParseMapping); the JSON Schema of the
// format is testdata/mapping.schema.json. The zero Mapping maps nothing.
type Mapping struct {
	// Users pairs Pipedrive user ids with Copper user ids. Each pair works
	// both ways, for owners (Pipedrive owner_id, Copper assignee_id) and
	// creators (Pipedrive creator_id).
	Users []UserMapping `json:"users,omitempty"`
	// Labels pairs Pipedrive lead labels with Copper tags.
	Labels []LabelMapping `json:"labels,omitempty"`
	// Sources pairs Pipedrive source descriptions (source_name, origin,
	// channel) with Copper customer sources. The first entry that matches
	// a Pipedrive lead wins.
	Sources []SourceMapping `json:"sources,omitempty"`
	// Status relates Pipedrive is_archived/was_seen to Copper statuses.
	Status StatusMapping `json:"status,omitzero"`
	// Visibility is the Pipedrive visibility given to leads from Copper.
	Visibility VisibilityMapping `json:"visibility,omitzero"`
	// CustomFields pairs Pipedrive custom fields (deal fields) with Copper
	// custom field definitions under a canonical key.
	CustomFields []FieldMapping `json:"custom_fields,omitempty"`
	// Defaults fill values a target requires and a source lacks.
	Defaults Defaults `json:"defaults,omitzero"`
	// Strict turns every field dropped for want of a mapping entry
	// (lead.LossUnmapped) into an error wrapping lead.ErrUnmapped.
	// Converter.Strict does the same.
	Strict bool `json:"strict,omitempty"`
}

// A UserMapping pairs one Pipedrive user with one Copper user.
type UserMapping struct {
	// Name is a note for people reading the file; it is not used.
	Name string `json:"name,omitempty"`
	// Pipedrive is the Pipedrive user id (GET /v1/users).
	Pipedrive int64 `json:"pipedrive"`
	// Copper is the Copper user id (GET /users).
	Copper int64 `json:"copper"`
}

// A LabelMapping pairs one Pipedrive lead label with one Copper tag.
type LabelMapping struct {
	// Pipedrive is the lead label's UUID (GET /v1/leadLabels).
	Pipedrive string `json:"pipedrive"`
	// Name is the label's name in Pipedrive.
	Name string `json:"name,omitempty"`
	// Copper is the Copper tag; when empty, the tag is Name.
	Copper string `json:"copper,omitempty"`
}

// Tag returns the Copper tag of the label.
func (m LabelMapping) Tag() string {
	if m.Copper != "" {
		return m.Copper
	}
	return m.Name
}

// A SourceMapping pairs a description of Pipedrive leads' origin with a
// Copper customer source.
type SourceMapping struct {
	// Name is a note for people reading the file; it is not used.
	Name string `json:"name,omitempty"`
	// Pipedrive describes the Pipedrive side; every field set must match.
	Pipedrive PipedriveSource `json:"pipedrive"`
	// Copper is the customer_source_id (GET /customer_sources).
	Copper int64 `json:"copper"`
}

// PipedriveSource describes where a Pipedrive lead came from. Pipedrive
// sets source_name and origin itself; only channel can be written, so a
// lead from Copper gets the channel and nothing else.
type PipedriveSource struct {
	SourceName string `json:"source_name,omitempty"`
	Origin     string `json:"origin,omitempty"`
	Channel    int64  `json:"channel,omitempty"`
}

// IsZero reports whether s describes nothing.
func (s PipedriveSource) IsZero() bool { return s == PipedriveSource{} }

// StatusMapping relates Pipedrive's is_archived and was_seen flags to
// Copper lead statuses, named as the Copper account names them ("New",
// "Junk").
type StatusMapping struct {
	// ToCopper gives the Copper status of a Pipedrive lead.
	ToCopper StatusToCopper `json:"to_copper,omitzero"`
	// ToPipedrive gives the flags of a Copper lead, by Copper status name.
	ToPipedrive []StatusToPipedrive `json:"to_pipedrive,omitempty"`
}

// StatusToCopper gives the Copper status of a Pipedrive lead: Archived for
// an archived lead, else Seen for a lead someone has seen, else Other.
// An empty entry leaves the status unset (Copper then uses its default).
type StatusToCopper struct {
	Archived string `json:"archived,omitempty"`
	Seen     string `json:"seen,omitempty"`
	Other    string `json:"other,omitempty"`
}

// StatusToPipedrive gives the Pipedrive flags of Copper leads in status
// Copper. Pipedrive accepts is_archived only on update: a lead to be
// archived is created, then archived (see Bundle.Archive).
type StatusToPipedrive struct {
	Copper   string `json:"copper"`
	Archived bool   `json:"archived,omitempty"`
	Seen     bool   `json:"seen,omitempty"`
}

// VisibilityMapping is the visibility of Pipedrive leads made from Copper
// leads, which have none.
type VisibilityMapping struct {
	// Plan is the Pipedrive account's plan, which gives visible_to its
	// meaning: "light", "growth", "professional" ("1" owner & followers,
	// "3" entire company) or "premium", "ultimate" ("1" owner only, "3"
	// owner's group, "5" group and sub-groups, "7" entire company).
	Plan string `json:"plan,omitempty"`
	// VisibleTo is the visible_to code; empty leaves Pipedrive's default.
	VisibleTo string `json:"visible_to,omitempty"`
}

// A FieldMapping pairs a Pipedrive custom field with a Copper custom field
// definition under a canonical key.
type FieldMapping struct {
	// Key is the canonical key of the field in a lead.Lead.
	Key string `json:"key"`
	// Name is a note for people reading the file; it is not used.
	Name string `json:"name,omitempty"`
	// Pipedrive is the deal field's 40-hex key (GET /v1/dealFields).
	Pipedrive string `json:"pipedrive,omitempty"`
	// Copper is the custom_field_definition_id (GET
	// /custom_field_definitions).
	Copper int64 `json:"copper,omitempty"`
	// Type converts the value to this canonical type on the way when the
	// two vendors' types differ: "text" turns a number, date or option
	// into text, "date" turns a date-time into a date, "datetime" a date
	// into midnight UTC, "number" money into its amount, "money" a number
	// into money in Defaults.Currency. Empty keeps the source's type.
	Type lead.FieldType `json:"type,omitempty"`
	// Options pairs option ids of single- and multiple-option fields.
	Options []OptionMapping `json:"options,omitempty"`
}

// An OptionMapping pairs a Pipedrive option id with a Copper option id.
type OptionMapping struct {
	// Name is a note for people reading the file; it is not used.
	Name      string `json:"name,omitempty"`
	Pipedrive int64  `json:"pipedrive"`
	Copper    int64  `json:"copper"`
}

// Defaults fill values a target requires and a source lacks; each use is
// reported as defaulted.
type Defaults struct {
	// Currency is the ISO 4217 currency of a Copper monetary_value that
	// comes without monetary_unit, and of numbers converted to money.
	Currency string `json:"currency,omitempty"`
	// TitleTemplate builds the Pipedrive title of a lead from Copper, which
	// has none. Placeholders: {name}, {company_name}, {email}. A
	// placeholder whose value is empty is removed with the separator text
	// before it. Default: "{company_name} – {name}".
	TitleTemplate string `json:"title_template,omitempty"`
}

// DefaultTitleTemplate is the title template when the mapping sets none.
const DefaultTitleTemplate = "{company_name} – {name}"

// LoadMapping reads and checks the mapping file at path. Errors are a
// lead.ErrorList naming paths inside the file ("users[3].copper:
// required"), wrapped with the file's name.
func LoadMapping(path string) (Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Mapping{}, err
	}
	m, err := ParseMapping(b)
	if err != nil {
		return Mapping{}, fmt.Errorf("mapping %s: %w", path, err)
	}
	return m, nil
}

// ParseMapping decodes and checks a mapping. Unknown keys, wrong JSON
// types, missing required values, malformed ids, duplicates and unknown
// enum values are errors. The error is a lead.ErrorList whose paths name
// the place in the file: "users[3].copper: required".
func ParseMapping(b []byte) (Mapping, error) {
	var errs lead.ErrorList
	// Rule: one well-formed JSON value (package jsonwire: no key twice in
	// an object, valid UTF-8, nothing after the value). encoding/json
	// alone would keep the last of two "users" lists without a word.
	wd := jsonwire.NewDecoder(b)
	err := wd.Skip()
	if err == nil {
		err = wd.End()
	}
	if err != nil {
		errs.Append("", err)
		return Mapping{}, errs.Err()
	}
	var raw any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		errs.Add("", "json", fmt.Errorf("%w: %v", lead.ErrMalformed, err))
		return Mapping{}, errs.Err()
	}
	if dec.More() {
		errs.Add("", "one JSON value", lead.ErrMalformed)
		return Mapping{}, errs.Err()
	}
	// Rule: one error never hides another. What has the wrong shape is
	// reported and left out (nulled), and the rest is still validated;
	// a rule broken only because a value was left out is not repeated.
	if !checkShape(&errs, "", raw, reflect.TypeFor[Mapping]()) {
		return Mapping{}, errs.Err()
	}
	shapeErrs := len(errs)
	if shapeErrs > 0 {
		if b, err = json.Marshal(raw); err != nil {
			errs.Add("", "json", fmt.Errorf("%w: %v", lead.ErrType, err))
			return Mapping{}, errs.Err()
		}
	}
	var m Mapping
	if err := json.Unmarshal(b, &m); err != nil {
		errs.Add("", "json", fmt.Errorf("%w: %v", lead.ErrType, err))
		return Mapping{}, errs.Err()
	}
	if err := m.Validate(); err != nil {
		var list lead.ErrorList
		if !errors.As(err, &list) {
			return Mapping{}, err
		}
		for _, fe := range list {
			if !underAny(fe.Path, errs[:shapeErrs]) {
				errs = append(errs, fe)
			}
		}
	}
	if len(errs) > 0 {
		return Mapping{}, errs.Err()
	}
	return m, nil
}

// underAny reports whether path is the path of one of errs, or inside it.
func underAny(path string, errs lead.ErrorList) bool {
	for _, fe := range errs {
		if path == fe.Path || strings.HasPrefix(path, fe.Path+".") || strings.HasPrefix(path, fe.Path+"[") {
			return true
		}
	}
	return false
}

// checkShape checks a decoded JSON value against the Go type it decodes
// into: object keys must be known fields, and each value must have the JSON
// type the field takes. It names every mismatch by its path, removes
// unknown keys and nulls mismatched values inside v so that the rest
// decodes, and reports whether v itself has the right shape.
func checkShape(errs *lead.ErrorList, path string, v any, t reflect.Type) bool {
	if v == nil {
		return true // null leaves the zero value
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			errs.Add(path, "want object", lead.ErrType)
			return false
		}
		fields := jsonFields(t)
		for k, val := range obj {
			ft, ok := fields[k]
			if !ok {
				seg := k
				if seg == "" {
					seg = `[""]` // the empty key, which a dotted path cannot show
				}
				errs.Add(lead.JoinPath(path, seg), "unknown field", lead.ErrInvalid)
				delete(obj, k)
				continue
			}
			if !checkShape(errs, lead.JoinPath(path, k), val, ft) {
				obj[k] = nil
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			errs.Add(path, "want array", lead.ErrType)
			return false
		}
		for i, e := range arr {
			if !checkShape(errs, path+lead.IndexPath(i), e, t.Elem()) {
				arr[i] = nil
			}
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			errs.Add(path, "want string", lead.ErrType)
			return false
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			errs.Add(path, "want boolean", lead.ErrType)
			return false
		}
	case reflect.Int64, reflect.Int:
		n, ok := v.(json.Number)
		if !ok {
			errs.Add(path, "want integer", lead.ErrType)
			return false
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			errs.Add(path, "want integer", lead.ErrInvalid)
			return false
		}
	}
	return true
}

// jsonFields returns the JSON keys of struct type t with their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

var (
	uuidRE      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	fieldKeyRE  = regexp.MustCompile(`^[0-9a-f]{40}$`)
	currencyRE  = regexp.MustCompile(`^[A-Z]{3}$`)
	placeholder = regexp.MustCompile(`\{[a-z_]*\}`)
)

// Validate checks the rules a decoded Mapping must follow and returns a
// lead.ErrorList sorted by path, or nil.
func (m Mapping) Validate() error {
	var errs lead.ErrorList
	pdUsers, cpUsers := map[int64]bool{}, map[int64]bool{}
	for i, u := range m.Users {
		p := "users" + lead.IndexPath(i)
		// Both ids are required: a one-sided entry maps nothing.
		if u.Pipedrive <= 0 {
			errs.Add(p+".pipedrive", "required", lead.ErrRequired)
		} else if pdUsers[u.Pipedrive] {
			// Each id appears once per side, so the mapping works both ways.
			errs.Add(p+".pipedrive", "unique", lead.ErrInvalid)
		}
		if u.Copper <= 0 {
			errs.Add(p+".copper", "required", lead.ErrRequired)
		} else if cpUsers[u.Copper] {
			errs.Add(p+".copper", "unique", lead.ErrInvalid)
		}
		pdUsers[u.Pipedrive], cpUsers[u.Copper] = true, true
	}
	pdLabels, tags := map[string]bool{}, map[string]bool{}
	for i, l := range m.Labels {
		p := "labels" + lead.IndexPath(i)
		switch {
		case l.Pipedrive == "":
			errs.Add(p+".pipedrive", "required", lead.ErrRequired)
		case !uuidRE.MatchString(l.Pipedrive):
			errs.Add(p+".pipedrive", "uuid", lead.ErrInvalid)
		case pdLabels[strings.ToLower(l.Pipedrive)]:
			errs.Add(p+".pipedrive", "unique", lead.ErrInvalid)
		}
		pdLabels[strings.ToLower(l.Pipedrive)] = true
		// The Copper tag is copper, or name when copper is empty.
		switch tag := l.Tag(); {
		case tag == "":
			errs.Add(p+".copper", "required without name", lead.ErrRequired)
		case tags[tag]:
			errs.Add(p+".copper", "unique", lead.ErrInvalid)
		default:
			tags[tag] = true
		}
	}
	cpSources := map[int64]bool{}
	for i, s := range m.Sources {
		p := "sources" + lead.IndexPath(i)
		if s.Pipedrive.IsZero() {
			errs.Add(p+".pipedrive", "one of source_name, origin, channel is required", lead.ErrRequired)
		}
		if s.Pipedrive.Channel < 0 {
			errs.Add(p+".pipedrive.channel", "min=1", lead.ErrInvalid)
		}
		// Several Pipedrive descriptions may lead to one customer source;
		// the way back takes the first.
		if s.Copper <= 0 {
			errs.Add(p+".copper", "required", lead.ErrRequired)
		}
		cpSources[s.Copper] = true
	}
	statuses := map[string]bool{}
	for i, s := range m.Status.ToPipedrive {
		p := "status.to_pipedrive" + lead.IndexPath(i)
		key := strings.ToLower(strings.TrimSpace(s.Copper))
		switch {
		case key == "":
			errs.Add(p+".copper", "required", lead.ErrRequired)
		case statuses[key]:
			errs.Add(p+".copper", "unique", lead.ErrInvalid)
		}
		statuses[key] = true
	}
	if m.Visibility.Plan != "" {
		if _, err := pipedrive.ParsePlan(m.Visibility.Plan); err != nil {
			errs.Add("visibility.plan", "oneof="+strings.Join(pipedrive.PlanNames(), " "), lead.ErrInvalid)
		}
	}
	if v := m.Visibility.VisibleTo; v != "" {
		if _, err := visibilityOf(m.Visibility.Plan, v); err != nil {
			errs.Add("visibility.visible_to", err.Error(), lead.ErrInvalid)
		}
	}
	keys, pdKeys, cpKeys := map[string]bool{}, map[string]bool{}, map[int64]bool{}
	for i, f := range m.CustomFields {
		p := "custom_fields" + lead.IndexPath(i)
		switch {
		case f.Key == "":
			errs.Add(p+".key", "required", lead.ErrRequired)
		case keys[f.Key]:
			errs.Add(p+".key", "unique", lead.ErrInvalid)
		}
		keys[f.Key] = true
		if f.Pipedrive == "" && f.Copper == 0 {
			errs.Add(p, "one of pipedrive, copper is required", lead.ErrRequired)
		}
		if f.Pipedrive != "" {
			if !fieldKeyRE.MatchString(f.Pipedrive) {
				errs.Add(p+".pipedrive", "40 hex digits", lead.ErrInvalid)
			} else if pdKeys[f.Pipedrive] {
				errs.Add(p+".pipedrive", "unique", lead.ErrInvalid)
			}
			pdKeys[f.Pipedrive] = true
		}
		if f.Copper < 0 {
			errs.Add(p+".copper", "min=1", lead.ErrInvalid)
		} else if f.Copper > 0 {
			if cpKeys[f.Copper] {
				errs.Add(p+".copper", "unique", lead.ErrInvalid)
			}
			cpKeys[f.Copper] = true
		}
		switch f.Type {
		case "", lead.FieldText, lead.FieldNumber, lead.FieldMoney, lead.FieldDate, lead.FieldDateTime, lead.FieldURL:
		default:
			errs.Add(p+".type", "oneof=text number money date datetime url", lead.ErrInvalid)
		}
		pdOpts, cpOpts := map[int64]bool{}, map[int64]bool{}
		for j, o := range f.Options {
			q := p + ".options" + lead.IndexPath(j)
			if o.Pipedrive <= 0 {
				errs.Add(q+".pipedrive", "required", lead.ErrRequired)
			} else if pdOpts[o.Pipedrive] {
				errs.Add(q+".pipedrive", "unique", lead.ErrInvalid)
			}
			if o.Copper <= 0 {
				errs.Add(q+".copper", "required", lead.ErrRequired)
			} else if cpOpts[o.Copper] {
				errs.Add(q+".copper", "unique", lead.ErrInvalid)
			}
			pdOpts[o.Pipedrive], cpOpts[o.Copper] = true, true
		}
	}
	if c := m.Defaults.Currency; c != "" && !currencyRE.MatchString(c) {
		errs.Add("defaults.currency", "iso4217", lead.ErrInvalid)
	}
	if t := m.Defaults.TitleTemplate; t != "" {
		for _, ph := range placeholder.FindAllString(t, -1) {
			switch ph {
			case "{name}", "{company_name}", "{email}":
			default:
				errs.Add("defaults.title_template", "placeholders {name} {company_name} {email}", lead.ErrInvalid)
			}
		}
		if !strings.Contains(t, "{name}") && !strings.Contains(t, "{company_name}") && !strings.Contains(t, "{email}") {
			errs.Add("defaults.title_template", "needs a placeholder", lead.ErrInvalid)
		}
	}
	return errs.Err()
}

// visibilityOf returns the canonical visibility of a Pipedrive visible_to
// code under plan (Pipedrive API v1, POST /leads: visible_to).
func visibilityOf(plan, code string) (lead.Visibility, error) {
	p, _ := pipedrive.ParsePlan(plan)
	switch p {
	case pipedrive.PlanPremium:
		switch code {
		case "1":
			return lead.VisibilityOwnerOnly, nil
		case "3":
			return lead.VisibilityOwnerGroup, nil
		case "5":
			return lead.VisibilityGroupAndSubgroups, nil
		case "7":
			return lead.VisibilityEntireCompany, nil
		}
		return "", fmt.Errorf("oneof=1 3 5 7")
	default:
		switch code {
		case "1":
			return lead.VisibilityOwnerAndFollowers, nil
		case "3":
			return lead.VisibilityEntireCompany, nil
		}
		return "", fmt.Errorf("oneof=1 3")
	}
}

// The lookups below return what the mapping lists, and false when it
// lists nothing: callers drop and report, never guess.

func (m Mapping) copperUser(pipedriveID int64) (int64, bool) {
	for _, u := range m.Users {
		if u.Pipedrive == pipedriveID {
			return u.Copper, true
		}
	}
	return 0, false
}

func (m Mapping) pipedriveUser(copperID int64) (int64, bool) {
	for _, u := range m.Users {
		if u.Copper == copperID {
			return u.Pipedrive, true
		}
	}
	return 0, false
}

func (m Mapping) labelByPipedrive(id string) (LabelMapping, bool) {
	for _, l := range m.Labels {
		if strings.EqualFold(l.Pipedrive, id) {
			return l, true
		}
	}
	return LabelMapping{}, false
}

func (m Mapping) labelByName(name string) (LabelMapping, bool) {
	for _, l := range m.Labels {
		if l.Name != "" && l.Name == name {
			return l, true
		}
	}
	return LabelMapping{}, false
}

func (m Mapping) labelByTag(tag string) (LabelMapping, bool) {
	for _, l := range m.Labels {
		if l.Tag() == tag {
			return l, true
		}
	}
	return LabelMapping{}, false
}

// copperSource returns the first source entry whose Pipedrive side matches
// every field it sets.
func (m Mapping) copperSource(name, origin string, channel int64) (SourceMapping, bool) {
	for _, s := range m.Sources {
		p := s.Pipedrive
		if p.IsZero() {
			continue
		}
		if (p.SourceName == "" || p.SourceName == name) && (p.Origin == "" || p.Origin == origin) &&
			(p.Channel == 0 || p.Channel == channel) {
			return s, true
		}
	}
	return SourceMapping{}, false
}

// describesSource reports whether an entry of m's sources matches the
// Pipedrive source field named by path ("source_name", "origin",
// "channel") on the value v.
func (m Mapping) describesSource(path, v string) bool {
	for _, s := range m.Sources {
		p := s.Pipedrive
		switch path {
		case "source_name":
			if p.SourceName != "" && p.SourceName == v {
				return true
			}
		case "origin":
			if p.Origin != "" && p.Origin == v {
				return true
			}
		case "channel":
			if p.Channel != 0 && strconv.FormatInt(p.Channel, 10) == v {
				return true
			}
		}
	}
	return false
}

func (m Mapping) pipedriveSource(copperID int64) (SourceMapping, bool) {
	for _, s := range m.Sources {
		if s.Copper == copperID {
			return s, true
		}
	}
	return SourceMapping{}, false
}

func (m Mapping) statusToPipedrive(name string) (StatusToPipedrive, bool) {
	for _, s := range m.Status.ToPipedrive {
		if strings.EqualFold(strings.TrimSpace(s.Copper), strings.TrimSpace(name)) {
			return s, true
		}
	}
	return StatusToPipedrive{}, false
}

func (m Mapping) fieldByPipedrive(key string) (FieldMapping, bool) {
	for _, f := range m.CustomFields {
		if f.Pipedrive != "" && f.Pipedrive == key {
			return f, true
		}
	}
	return FieldMapping{}, false
}

func (m Mapping) fieldByCopper(id int64) (FieldMapping, bool) {
	for _, f := range m.CustomFields {
		if f.Copper != 0 && f.Copper == id {
			return f, true
		}
	}
	return FieldMapping{}, false
}

func (m Mapping) fieldByKey(key string) (FieldMapping, bool) {
	for _, f := range m.CustomFields {
		if f.Key == key {
			return f, true
		}
	}
	return FieldMapping{}, false
}

func (f FieldMapping) copperOption(pipedriveID int64) (int64, bool) {
	for _, o := range f.Options {
		if o.Pipedrive == pipedriveID {
			return o.Copper, true
		}
	}
	return 0, false
}

func (f FieldMapping) pipedriveOption(copperID int64) (int64, bool) {
	for _, o := range f.Options {
		if o.Copper == copperID {
			return o.Pipedrive, true
		}
	}
	return 0, false
}
