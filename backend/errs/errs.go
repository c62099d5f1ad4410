// Package errs is the one error type the whole backend returns. It carries a code the UI can act on,
// a Chinese message a clerk can read, and the offending field so a form can show it in place.
package errs

import (
	"errors"
	"fmt"
)

type Code string

const (
	CodeInvalid   Code = "invalid"
	CodeNotFound  Code = "not_found"
	CodeConflict  Code = "conflict"
	CodeForbidden Code = "forbidden"
	CodeInternal  Code = "internal"
)

type Error struct {
	Code    Code
	Field   string
	Message string
	// Data points at related records, e.g. the existing customer a duplicate mobile belongs to.
	Data any
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

func Invalid(field, msg string) *Error { return &Error{Code: CodeInvalid, Field: field, Message: msg} }

func NotFound(msg string) *Error { return &Error{Code: CodeNotFound, Message: msg} }

func Conflict(field, msg string, data any) *Error {
	return &Error{Code: CodeConflict, Field: field, Message: msg, Data: data}
}

func Forbidden(msg string) *Error { return &Error{Code: CodeForbidden, Message: msg} }

// Internal wraps an unexpected failure; the clerk sees a calm message, the log keeps the cause.
func Internal(op string, err error) *Error {
	return &Error{Code: CodeInternal, Message: "系统内部错误，请重试或联系管理员", Err: fmt.Errorf("%s: %w", op, err)}
}

// Payload is what the UI receives for any failed call, on either transport.
type Payload struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	Data    any    `json:"data,omitempty"`
}

// ToPayload turns any error into the UI shape; errors that are not ours count as internal.
func ToPayload(err error) Payload {
	var e *Error
	if errors.As(err, &e) {
		return Payload{Code: e.Code, Message: e.Message, Field: e.Field, Data: e.Data}
	}
	return Payload{Code: CodeInternal, Message: "系统内部错误，请重试或联系管理员"}
}

// CodeOf reports the code of err, internal when it is not ours.
func CodeOf(err error) Code { return ToPayload(err).Code }
