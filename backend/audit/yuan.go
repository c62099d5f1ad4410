package audit

import "strings"

var (
	cnDigits  = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	cnSmall   = []string{"", "拾", "佰", "仟"}
	cnSection = []string{"", "万", "亿", "万亿"}
)

// Yuan writes an amount in fen as the capitals a receipt or a cheque uses (大写金额): 100000 →
// "壹仟元整", 100505 → "壹仟零伍元零伍分", 50 → "伍角", negative with a leading 负. The audit log
// carries it beside every stored-value, wine and coupon amount, so a figure cannot be misread.
func Yuan(fen int64) string {
	if fen == 0 {
		return "零元整"
	}
	sign := ""
	u := uint64(fen)
	if fen < 0 {
		sign, u = "负", uint64(-fen)
	}
	whole, jiao, f := u/100, u/10%10, u%10
	var b strings.Builder
	b.WriteString(sign)
	if whole > 0 {
		b.WriteString(integerWords(whole))
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && f == 0:
		b.WriteString("整")
	case jiao == 0:
		if whole > 0 {
			b.WriteString("零")
		}
		b.WriteString(cnDigits[f] + "分")
	default:
		b.WriteString(cnDigits[jiao] + "角")
		if f > 0 {
			b.WriteString(cnDigits[f] + "分")
		}
	}
	return b.String()
}

// integerWords writes n > 0 in sections of four digits (个, 万, 亿), a single 零 standing for any run of
// zeros between non-zero digits, also across sections.
func integerWords(n uint64) string {
	var sections []uint64
	for n > 0 {
		sections = append(sections, n%10000)
		n /= 10000
	}
	var b strings.Builder
	zero := false // a zero is owed before the next non-zero digit
	for s := len(sections) - 1; s >= 0; s-- {
		sec := sections[s]
		if sec == 0 {
			zero = b.Len() > 0
			continue
		}
		for d := 3; d >= 0; d-- {
			digit := sec / pow10(d) % 10
			if digit == 0 {
				zero = zero || b.Len() > 0
				continue
			}
			if zero {
				b.WriteString("零")
				zero = false
			}
			b.WriteString(cnDigits[digit] + cnSmall[d])
		}
		name := "亿"
		if s < len(cnSection) {
			name = cnSection[s]
		}
		b.WriteString(name)
	}
	return b.String()
}

func pow10(d int) uint64 {
	p := uint64(1)
	for ; d > 0; d-- {
		p *= 10
	}
	return p
}
