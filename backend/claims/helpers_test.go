package claims

import (
	"encoding/json"
	"errors"

	"jiuke/backend/errs"
)

func clone(r Rules) Rules {
	b, _ := json.Marshal(r)
	var out Rules
	_ = json.Unmarshal(b, &out)
	return out
}

func asErr(err error, e **errs.Error) bool { return errors.As(err, e) }
