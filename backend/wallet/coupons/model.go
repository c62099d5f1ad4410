// Package coupons is the shop's coupons (券): types the owner defines (代金券 ¥X off, 满X减Y, 礼品券),
// coupons issued to customers with a short printable code, and an append-only ledger of what happened
// to each coupon. A coupon's state is its latest ledger line; migration 0015 guards the ledger.
package coupons

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"
)

// Kinds of coupon.
const (
	KindCash      = "cash"      // 代金券: ValueFen off
	KindThreshold = "threshold" // 满减券: ValueFen off a sale of at least ThresholdFen
	KindGift      = "gift"      // 礼品券: one gift from the catalogue
)

// States of a coupon, from its latest ledger line.
const (
	StateIssued  = "issued"
	StateUsed    = "used"
	StateVoided  = "voided"
	StateExpired = "expired"
)

// Ledger line kinds.
const (
	EntryIssue  = "issue"
	EntryUse    = "use"
	EntryVoid   = "void"
	EntryExpire = "expire"
	EntryReturn = "return" // a used coupon given back when its whole purchase was refunded
)

// Occasions a type is issued on by itself (AutoOn).
const (
	OnBirthday        = "birthday"
	OnAttend          = "attend"
	OnFissionJoin     = "fission_join"
	OnFissionFirstBuy = "fission_first_buy"
)

// Sources of an issued coupon.
const (
	SourceHand     = "hand"
	SourceSegment  = "segment"
	SourceBirthday = "birthday"
	SourceEvent    = "event"
	SourceFission  = "fission"
	SourceRecharge = "recharge"
)

// Type is a kind of coupon the owner defines.
type Type struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	ValueFen     int64  `json:"valueFen"`
	ThresholdFen int64  `json:"thresholdFen"`
	GiftID       int64  `json:"giftId"`
	GiftName     string `json:"giftName"`
	// ValidDays > 0: valid for that many days from issue (the day of issue counts); else ValidFrom..ValidTo.
	ValidDays int64  `json:"validDays"`
	ValidFrom string `json:"validFrom"`
	ValidTo   string `json:"validTo"`
	// WithMemberPrice: the coupon combines with member prices; if not, it applies to the retail price.
	WithMemberPrice bool   `json:"withMemberPrice"`
	Campaign        string `json:"campaign"`
	AutoOn          string `json:"autoOn"`
	// ClerkMayIssue lets clerks issue this type by hand; otherwise issuing needs a manager.
	ClerkMayIssue bool  `json:"clerkMayIssue"`
	Active        bool  `json:"active"`
	Issued        int64 `json:"issued"`
}

// Coupon is one issued coupon with its current state.
type Coupon struct {
	ID              int64  `json:"id"`
	Code            string `json:"code"`
	TypeID          int64  `json:"typeId"`
	CustomerID      int64  `json:"customerId"`
	CustomerName    string `json:"customerName"`
	Name            string `json:"name"`
	Kind            string `json:"kind"`
	ValueFen        int64  `json:"valueFen"`
	ThresholdFen    int64  `json:"thresholdFen"`
	GiftID          int64  `json:"giftId"`
	GiftName        string `json:"giftName"`
	WithMemberPrice bool   `json:"withMemberPrice"`
	Campaign        string `json:"campaign"`
	Source          string `json:"source"`
	ValidFrom       string `json:"validFrom"`
	ValidTo         string `json:"validTo"`
	// State is the ledger's; Expired tells an issued coupon past its date that the sweep has not yet marked.
	State     string `json:"state"`
	Expired   bool   `json:"expired"`
	IssuedAt  string `json:"issuedAt"`
	StaffName string `json:"staffName"`
}

// Entry is one line of a coupon's ledger.
type Entry struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	PurchaseID  int64  `json:"purchaseId"`
	DiscountFen int64  `json:"discountFen"`
	Reason      string `json:"reason"`
	StaffName   string `json:"staffName"`
	CreatedAt   string `json:"createdAt"`
}

// codeAlphabet has no 0/O, 1/I/L or 2/Z, 5/S, 8/B pairs a clerk could misread from paper; all are
// Code 39 / Code 128 characters, so the code prints as a barcode and a scanner types it back.
const codeAlphabet = "34679ACDEFGHJKMNPQRTUVWXY"

// codeLen characters from 25 give 25^10 ≈ 9.5e13 codes: guessing one of a shop's coupons is hopeless.
const codeLen = 10

// newCode draws a code from the system's cryptographic random source.
func newCode() (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(codeAlphabet)))
	for i := 0; i < codeLen; i++ {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", fmt.Errorf("coupon code: %w", err)
		}
		b.WriteByte(codeAlphabet[n.Int64()])
	}
	return b.String(), nil
}

// NormalizeCode reads a typed or scanned code: case, spaces and dashes do not matter, and the
// look-alikes a clerk may type (O for 0 …) are not in the alphabet, so they simply do not match.
func NormalizeCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(s)
}

// yuan shows fen as ¥1,234.00 for messages.
func yuan(fen int64) string {
	s := fmt.Sprintf("%d", fen/100)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("¥%s.%02d", b.String(), fen%100)
}
