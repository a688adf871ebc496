package connect_test

import (
	"context"
	"fmt"

	"github.com/leadbridge/leadbridge/connect"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// A stream with the leadbridge processor: a Pipedrive lead becomes the
// body of Copper's POST /leads with its report in the metadata, and a
// lead that cannot be converted comes out errored, unchanged.
func ExampleNewEnvironment() {
	env, err := connect.NewEnvironment()
	if err != nil {
		panic(err)
	}
	sb := env.NewStreamBuilder()
	if err := sb.SetLoggerYAML("level: off"); err != nil {
		panic(err)
	}
	sb.SetThreads(1)
	produce, err := sb.AddProducerFunc()
	if err != nil {
		panic(err)
	}
	if err := sb.AddProcessorYAML(`leadbridge: {from: pipedrive, to: copper}`); err != nil {
		panic(err)
	}
	err = sb.AddConsumerFunc(func(_ context.Context, msg *service.Message) error {
		b, _ := msg.AsBytes()
		if err := msg.GetError(); err != nil {
			errs, _ := msg.MetaGet("leadbridge_errors")
			fmt.Printf("rejected: %s\n  error: %v\n  leadbridge_errors: %s\n", b, err, errs)
			return nil
		}
		rep, _ := msg.MetaGet("leadbridge_report")
		fmt.Printf("converted: %s\n  leadbridge_report: %s\n", b, rep)
		return nil
	})
	if err != nil {
		panic(err)
	}
	stream, err := sb.Build()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	go func() {
		for _, lead := range []string{
			`{"id": "adf21080-0e10-11eb-879b-05d71fb426ec", "title": "Acme renewal", "value": {"amount": 1500.5, "currency": "EUR"}}`,
			`{"id": "adf21080-0e10-11eb-879b-05d71fb426ed", "title": "Acme", "value": {"amount": "lots", "currency": "EUR"}}`,
		} {
			if err := produce(ctx, service.NewMessage([]byte(lead))); err != nil {
				panic(err)
			}
		}
		stream.Stop(ctx)
	}()
	if err := stream.Run(ctx); err != nil {
		panic(err)
	}
	// Output:
	// converted: {"name":"Acme renewal","monetary_value":1500.5,"monetary_unit":"EUR"}
	//   leadbridge_report: [{"path":"id","kind":"dropped","reason":"Copper assigns lead ids; another system's id has no place in a Copper lead","loss":"target_sets"},{"path":"title","kind":"derived","reason":"no person record; the lead title stands in for the contact name","detail":"Acme renewal"}]
	// rejected: {"id": "adf21080-0e10-11eb-879b-05d71fb426ed", "title": "Acme", "value": {"amount": "lots", "currency": "EUR"}}
	//   error: value.amount: want number, got string
	//   leadbridge_errors: [{"path":"value.amount","rule":"want number, got string","message":"value.amount: want number, got string"}]
}
