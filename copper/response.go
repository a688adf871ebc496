package copper

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// ErrNotLead is the cause of the error DecodeLead returns for a document
// that is not a lead object: a list of leads, a response envelope or an
// error response. The rule says what the document is and what to call.
var ErrNotLead = errors.New("not a lead object")

// APIError is a failed Copper response, {"success": false, "status": 422,
// "message": "..."}: the body Copper's Developer API sends with a 4xx or
// 5xx status. DecodeLead and the list decoders return it, wrapped in their
// error, when they are given such a body; errors.As finds it.
type APIError struct {
	Success bool   `json:"success"`
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// Error returns "copper: <status>: <message>".
func (e *APIError) Error() string {
	s := "copper: "
	if e.Status != 0 {
		s += strconv.Itoa(e.Status) + ": "
	}
	if e.Message == "" {
		return s + "error response"
	}
	return s + e.Message
}

// kindCause is the cause of an error for a document of the wrong kind: it
// wraps ErrNotLead and kind (lead.ErrType for a list where an object is
// wanted, lead.ErrInvalid for an object of the wrong shape).
type kindCause struct{ kind error }

func (c kindCause) Error() string   { return ErrNotLead.Error() }
func (c kindCause) Unwrap() []error { return []error{ErrNotLead, c.kind} }

// apiCause is the cause of an error for an error response: it reads as the
// response's message and wraps both ErrNotLead and the *APIError.
type apiCause struct{ api *APIError }

func (c apiCause) Error() string   { return c.api.Error() }
func (c apiCause) Unwrap() []error { return []error{ErrNotLead, c.api} }

// notLead is the error for a document that is not what a decoder reads:
// rule says what it is and what to call instead.
func notLead(rule string, cause error) error {
	var list lead.ErrorList
	list.Add("", rule, cause)
	return list.Err()
}

// apiErrorOf returns the error response data holds, or nil. A document is
// an error response when its root object has "success": false, or, without
// "success", a numeric "status" and a "message" string and no "name".
func apiErrorOf(data []byte) *APIError {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	var e APIError
	success, hasSuccess := m["success"]
	_, hasName := m["name"]
	switch {
	case hasSuccess && string(success) == "false":
	case !hasSuccess && !hasName && m["status"] != nil && m["message"] != nil:
	default:
		return nil
	}
	if json.Unmarshal(m["status"], &e.Status) != nil || json.Unmarshal(m["message"], &e.Message) != nil {
		e.Status, e.Message = 0, ""
	}
	return &e
}

// wrapperErr returns the error for a decoded root object that is not a
// lead but a response around one (an envelope {"success", "data"}) or an
// error response, or nil for a lead. Only an object without name and id
// and with a "success" or "message" key is looked at again.
func wrapperErr(l *Lead, data []byte) error {
	if l.Name.State != Absent || l.ID.State != Absent {
		return nil
	}
	suspect := false
	for _, m := range l.Extra {
		if m.Key == "success" || m.Key == "message" {
			suspect = true
		}
	}
	if !suspect {
		return nil
	}
	if e := apiErrorOf(data); e != nil {
		return notLead("want a lead object, got a Copper error response", apiCause{e})
	}
	for _, m := range l.Extra {
		if m.Key == "success" {
			return notLead(`want a lead object, got a response envelope {"success", "data"}: the lead is its data`, kindCause{lead.ErrInvalid})
		}
	}
	return nil
}

// DecodeLeadList decodes a list of Copper leads: the response of
// POST /leads/search (Copper Developer API, "List Leads (Search)"), a JSON
// array of lead objects. Each lead is decoded as DecodeLead does.
//
// A bad lead does not hide the good ones: DecodeLeadList returns every
// lead that decoded, in order, and a lead.ErrorList whose paths start with
// the bad lead's index ("[3].phone_numbers[0].number: want string, got
// number"). A syntax error stops decoding: the leads before it are
// returned, and the error's path names where it is. A single lead object
// or an error response is not a list: the error wraps ErrNotLead (and
// *APIError for an error response) and no lead is returned.
func DecodeLeadList(data []byte) ([]Lead, error) {
	d := jsonwire.NewDecoder(data)
	// Each lead may nest maxDepth deep below the list.
	d.SetMaxDepth(maxDepth + 1)
	switch k := d.Peek(); k {
	case jsonwire.Array:
	case jsonwire.Object:
		if e := apiErrorOf(data); e != nil {
			return nil, notLead("want a list of leads, got a Copper error response", apiCause{e})
		}
		return nil, notLead("want a list of leads (the response of POST /leads/search), got one object", kindCause{lead.ErrType})
	default:
		var errs lead.ErrorList
		switch {
		case k != jsonwire.Invalid:
			errs.Add("", "want a list of leads, got "+k.String(), lead.ErrType)
		case d.End() == nil:
			errs.Add("", "want a list of leads, got no JSON value", lead.ErrMalformed)
		default:
			errs.Append("", d.End())
		}
		return nil, errs.Err()
	}
	leads := []Lead{}
	var errs lead.ErrorList
	err := d.Array(func(i int) error {
		raw, err := d.Raw()
		if err != nil {
			return err
		}
		l, err := DecodeLead(raw)
		if err != nil {
			errs.Append(lead.IndexPath(i), err)
			return nil
		}
		leads = append(leads, l)
		return nil
	})
	if err == nil {
		err = d.End()
	}
	errs.Append("", err)
	return leads, errs.Err()
}
