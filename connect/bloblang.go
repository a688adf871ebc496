package connect

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/redpanda-data/benthos/v4/public/bloblang"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// MethodName is the name of the Bloblang method.
const MethodName = "leadbridge"

// methodSpec describes the leadbridge Bloblang method.
func methodSpec() *bloblang.PluginSpec {
	return bloblang.NewPluginSpec().
		Beta().
		Impure(). // it reads the mapping and account folders it names
		Category("Parsing").
		Description("Converts a lead (a JSON document as bytes or a string, or an object) of the format `from` to the format `to` (canonical, pipedrive or copper), as the leadbridge processor does, and returns the converted lead as an object. Give it `content()` to convert the message's own bytes: an object is converted from its JSON, with its keys sorted, and lists whose order follows the lead's keys (Copper custom fields from Pipedrive custom fields) come out in that order. A lead that cannot be converted fails the mapping with one \"path: rule\" line per broken rule. The report is not returned: use the leadbridge processor for it. Without a mapping or account folders, ids are carried only where the formats share them.").
		Param(bloblang.NewStringParam("from").Description("The format of the lead: canonical, pipedrive or copper.")).
		Param(bloblang.NewStringParam("to").Description("The format to convert it to.")).
		Param(bloblang.NewStringParam("mapping").Description("A mapping file, as the processor's mapping.").Default("")).
		Param(bloblang.NewStringParam("pipedrive_account").Description("A folder of Pipedrive account exports.").Default("")).
		Param(bloblang.NewStringParam("copper_account").Description("A folder of Copper account exports.").Default("")).
		Param(bloblang.NewStringParam("pipedrive_plan").Description("The Pipedrive account's plan.").Default("")).
		Param(bloblang.NewBoolParam("strict").Description("Fail when the conversion loses a field the mapping does not cover, as leadconv's --strict.").Default(false)).
		ExampleNotTested("A Pipedrive lead to the body of Copper's POST /leads.", `root = content().leadbridge("pipedrive", "copper")`)
}

// RegisterBloblang adds the leadbridge method to env.
func RegisterBloblang(env *bloblang.Environment) error {
	return env.RegisterMethodV2(MethodName, methodSpec(), newMethod)
}

// NewEnvironment returns a clone of Benthos' global environment (the
// components linked into the program) with the leadbridge processor, and
// a clone of the global Bloblang environment with the leadbridge method.
func NewEnvironment() (*service.Environment, error) {
	env := service.NewEnvironment()
	benv := bloblang.GlobalEnvironment().Clone()
	if err := RegisterBloblang(benv); err != nil {
		return nil, err
	}
	env.UseBloblangEnvironment(benv)
	if err := Register(env); err != nil {
		return nil, err
	}
	return env, nil
}

// newMethod builds the method's RecordConverter once per call site (per
// evaluation when its arguments are not literals).
func newMethod(args *bloblang.ParsedParams) (bloblang.Method, error) {
	var s settings
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{"from", &s.from}, {"to", &s.to}, {"mapping", &s.mapping},
		{"pipedrive_account", &s.pipedriveAccount}, {"copper_account", &s.copperAccount},
		{"pipedrive_plan", &s.pipedrivePlan},
	} {
		v, err := args.GetString(f.name)
		if err != nil {
			return nil, &ConfigError{Field: f.name, Err: err}
		}
		*f.dst = v
	}
	strict, err := args.GetBool("strict")
	if err != nil {
		return nil, &ConfigError{Field: "strict", Err: err}
	}
	s.strict = strict
	rc, err := s.converter()
	if err != nil {
		return nil, err
	}
	return func(v any) (any, error) {
		var rec []byte
		switch v := v.(type) {
		case []byte:
			rec = v
		case string:
			rec = []byte(v)
		default:
			if rec, err = json.Marshal(v); err != nil {
				return nil, fmt.Errorf("leadbridge: %w", err)
			}
		}
		out, rep, err := rc.Convert(rec, nil)
		if err == nil && strict {
			err = strictErr(rep)
		}
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.UseNumber() // as Benthos parses messages: amounts keep their digits
		var res any
		if err := dec.Decode(&res); err != nil {
			return nil, fmt.Errorf("leadbridge: %w", err)
		}
		return res, nil
	}, nil
}
