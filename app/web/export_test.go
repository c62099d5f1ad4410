package web

import "reflect"

// Bound is one route as the server collects it: for tests that walk every route.
type Bound struct {
	Service, Name string
	In            []reflect.Type
}

// Routes lists the routes the server makes of services, by the same collection it serves.
func Routes(services []any) ([]Bound, error) {
	ms, err := collect(services)
	var out []Bound
	for _, m := range ms {
		out = append(out, Bound{Service: m.service, Name: m.name, In: m.in})
	}
	return out, err
}
