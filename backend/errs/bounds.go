package errs

import (
	"fmt"
	"unicode/utf8"
)

// What any write may carry, by kind of field: a shop's forms never need more, and a caller on the
// shop network sending 1 MB names or amounts near 2^63 (which later overflow a sum) is refused here,
// before anything is stored, with a message naming the field and the limit.
const (
	// NameLen is for names and titles: a product, an event, a venue, a gift, a prize, a table.
	NameLen = 50
	// LineLen is for one line of text: a reason, an address, an item, a category.
	LineLen = 200
	// NotesLen is for free text: notes, an invitation, a task.
	NotesLen = 2000
	// KeyLen is for request keys (idempotency) and card numbers.
	KeyLen = 100
	// MaxFen is the largest amount of money one field may hold: ¥100,000,000.
	MaxFen int64 = 100_000_000 * 100
	// MaxCount is the largest quantity, stock or points figure one field may hold.
	MaxCount int64 = 100_000_000
)

// Text refuses v when it has more than max characters, naming the field as the form labels it.
func Text(field, label, v string, max int) *Error {
	if utf8.RuneCountInString(v) > max {
		return Invalid(field, fmt.Sprintf("%s不能超过%d个字", label, max))
	}
	return nil
}

// Money refuses a negative amount (fen) or one over MaxFen, naming the field.
func Money(field, label string, fen int64) *Error {
	switch {
	case fen < 0:
		return Invalid(field, label+"不能为负数")
	case fen > MaxFen:
		return Invalid(field, fmt.Sprintf("%s不能超过 ¥%d", label, MaxFen/100))
	}
	return nil
}

// Count refuses a negative quantity or one over MaxCount, naming the field.
func Count(field, label string, n int64) *Error {
	switch {
	case n < 0:
		return Invalid(field, label+"不能为负数")
	case n > MaxCount:
		return Invalid(field, fmt.Sprintf("%s不能超过%d", label, MaxCount))
	}
	return nil
}

// First is the first of the checks that failed, or nil: checks read as one list beside the fields.
func First(checks ...*Error) error {
	for _, e := range checks {
		if e != nil {
			return e
		}
	}
	return nil
}
