package connect

import (
	"fmt"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// pipedrivePlans are the plan names pipedrive_plan accepts: Pipedrive's
// plan names, as the mapping's visibility.plan spells them, and the
// visible_to semantics each has (seed 002, "visible_to").
var pipedrivePlans = map[string]pipedrive.Plan{
	"light":        pipedrive.PlanEssential,
	"growth":       pipedrive.PlanEssential,
	"professional": pipedrive.PlanEssential,
	"essential":    pipedrive.PlanEssential,
	"advanced":     pipedrive.PlanEssential,
	"premium":      pipedrive.PlanPremium,
	"ultimate":     pipedrive.PlanPremium,
	"power":        pipedrive.PlanPremium,
	"enterprise":   pipedrive.PlanPremium,
}

// planNames is the list of pipedrivePlans' names, for messages and docs.
const planNames = "light, growth, professional, essential, advanced, premium, ultimate, power or enterprise"

// parsePipedrivePlan returns the plan named name; the empty name is the
// unknown plan.
func parsePipedrivePlan(name string) (pipedrive.Plan, error) {
	if name == "" {
		return pipedrive.PlanUnknown, nil
	}
	p, ok := pipedrivePlans[name]
	if !ok {
		return pipedrive.PlanUnknown, fmt.Errorf("unknown Pipedrive plan %q (want %s)", name, planNames)
	}
	return p, nil
}

// withPipedrivePlan gives c's Pipedrive translator the plan named name.
// An empty name leaves the plan to the mapping's visibility.plan, as
// leadconv does; a name whose visible_to codes mean other things than
// the mapping's plan's is an error, since the mapping's default
// visible_to code was written for its own plan.
//
// It is the one place that knows how the plan reaches the converter: by
// the translator the converter carries.
func withPipedrivePlan(c *convert.Converter, name string) error {
	p, err := parsePipedrivePlan(name)
	if err != nil || p == pipedrive.PlanUnknown {
		return err
	}
	if mp, ok := pipedrivePlans[c.Mapping.Visibility.Plan]; ok && mp != p {
		return fmt.Errorf("plan %q (%s visibility) disagrees with the mapping's visibility.plan %q (%s visibility)",
			name, p, c.Mapping.Visibility.Plan, mp)
	}
	c.Pipedrive.Plan = p
	return nil
}
