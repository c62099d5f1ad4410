package sheets

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
)

// Issue is a problem with one row: a warning (the row is imported, one value is not or is kept
// elsewhere) or the reason the row is skipped or fails.
type Issue struct {
	Row     int    `json:"row"`
	Col     int    `json:"col"` // 0-based column, -1 for the row as a whole
	Column  string `json:"column"`
	Value   string `json:"value"`
	Reason  string `json:"reason"` // short, the same for problems of one kind: what the summary counts
	Message string `json:"message"`
}

// record is one data row read into what will be stored.
type record struct {
	row       int
	subtotal  bool
	cells     []string
	in        customers.Input
	card      string
	level     *members.Level
	points    int64
	hasPoints bool
	spend     int64
	// opening stored value (期初储值): principal and bonus, in fen
	principal, bonus int64
	spendDate        string
	opening          bool // spend has no date: it is the customer's opening spend (期初累计消费)
	product          string
	referrer         string
	prep             customers.Prepared // in as a new customer (source 导入 when empty), see create
	display          map[int]string     // column → the value as understood, for the preview
	issues           []Issue
	fail             *Issue
}

type parser struct {
	cols   []Column // mapped columns only
	levels []members.Level
	now    time.Time
	cards  *members.CardChecker // the shop's card ranges; nil: the default rule
	// walletCap is the named card's stored-value cap (0: none), checked before any write of the row
	walletCap int64
}

func newParser(cols []Column, levels []members.Level, now time.Time) *parser {
	p := &parser{levels: levels, now: now}
	for _, c := range cols {
		if c.Field != "" {
			p.cols = append(p.cols, c)
		}
	}
	return p
}

// blank reports whether every imported column of the row is empty (a numbered but unused line).
func (p *parser) blank(cells []string) bool {
	for _, c := range p.cols {
		if c.Index < len(cells) && strings.TrimSpace(cells[c.Index]) != "" {
			return false
		}
	}
	return true
}

// parse reads one row. Identity problems (name, mobile) fail the row; any other value that cannot be
// read is a warning, and its text goes to the notes so nothing the ledger said is lost.
func (p *parser) parse(row int, cells []string) record {
	r := record{row: row, cells: cells, display: map[int]string{}}
	var notes, others []string
	for _, c := range p.cols {
		v := ""
		if c.Index < len(cells) {
			v = strings.TrimSpace(cells[c.Index])
		}
		if v == "" {
			continue
		}
		issue := func(reason, msg string) Issue {
			return Issue{Row: row, Col: c.Index, Column: c.Header, Value: v, Reason: reason, Message: msg}
		}
		warn := func(reason, msg string) { r.issues = append(r.issues, issue(reason, msg)) }
		keep := func(label string) { notes = append(notes, label+"："+v) }
		show := func(s string) { r.display[c.Index] = s }
		switch c.Field {
		case "name":
			r.in.Name = v
			show(v)
		case "mobile":
			ph, w, err := customers.ParsePhones(v)
			if err != nil {
				reason := "手机号无效"
				if strings.Contains(err.Error(), "科学计数法") {
					reason = "手机号为科学计数法，位数已丢失"
				}
				f := issue(reason, errMessage(err))
				r.fail = &f
				continue
			}
			if w != "" {
				warn("电话号码无法识别", w)
			}
			r.in.Mobile = ph.Mobile
			others = append(others, ph.Others...)
			show(strings.TrimSpace(ph.Mobile + " " + strings.Join(ph.Others, " ")))
		case "otherPhone":
			others = append(others, v)
			show(v)
		case "gender":
			g, err := ParseGender(v)
			if err != nil {
				warn("性别无法识别", err.Error()+"，未导入性别")
				continue
			}
			r.in.Gender = g
			show(map[string]string{"M": "男", "F": "女"}[g])
		case "birthday":
			b, err := ParseBirthday(v, p.now)
			if errors.Is(err, errFuture) {
				warn("生日晚于今天", err.Error()+"，未导入生日，已记入备注")
				keep("生日")
				continue
			}
			if err != nil {
				warn("生日无法识别", err.Error()+"，已记入备注")
				keep("生日")
				continue
			}
			r.in.Birthday = b
			show(birthdayText(b))
		case "district":
			r.in.District = v
			show(v)
		case "address":
			r.in.Address = v
			show(v)
		case "company":
			r.in.Company = v
			show(v)
		case "title":
			r.in.Title = v
			show(v)
		case "kind":
			k, outlet, unknown := ParseKind(v)
			r.in.Kind, r.in.OutletType = k, outlet
			if unknown {
				warn("客户类型无法识别", fmt.Sprintf("客户类型「%s」无法识别，按个人导入，原类型已记入备注", v))
				keep("原客户类型")
			}
			show(k)
		case "shopName":
			r.in.ShopName = v
			show(v)
		case "notes":
			notes = append([]string{v}, notes...)
			show(v)
		case "cardNumber":
			n, err := p.checkCard(v)
			if err != nil {
				warn("会员卡号无效", fmt.Sprintf("会员卡号「%s」无效（%s），未发卡，已记入备注", v, errMessage(err)))
				keep("原会员卡号")
				continue
			}
			r.card = n
			show(n)
		case "level":
			l, ok := matchLevel(p.levels, v)
			if !ok {
				l = p.levels[0]
				warn("会员等级不存在", fmt.Sprintf("会员等级「%s」不存在，按「%s」导入，原等级已记入备注", v, l.Name))
				keep("原会员等级")
			}
			r.level = &l
			show(l.Name)
		case "points":
			n, err := ParsePoints(v)
			if err != nil {
				warn("积分无法识别", err.Error()+"，未导入积分，已记入备注")
				keep("原积分")
				continue
			}
			r.points, r.hasPoints = n, true
			show(fmt.Sprint(n))
		case "spend":
			fen, err := ParseMoney(v)
			if err != nil {
				warn("金额无法识别", err.Error()+"，已记入备注")
				keep("消费金额")
				continue
			}
			r.spend = fen
			show(yuan(fen))
		case "openingPrincipal", "openingBonus":
			fen, err := ParseExactMoney(v)
			if err != nil {
				// Money owed to the customer is never guessed or dropped into the notes: the row waits.
				fd, _ := fieldByKey(c.Field)
				f := issue(fd.Label+"有误", fmt.Sprintf("第 %d 行「%s」列：%s", row, c.Header, err.Error()))
				r.fail = &f
				continue
			}
			if c.Field == "openingPrincipal" {
				r.principal = fen
			} else {
				r.bonus = fen
			}
			show(yuan(fen))
		case "spendDate":
			d, err := ParseDay(v, p.now)
			if err != nil {
				warn("消费日期无法识别", err.Error()+"，已记入备注")
				keep("消费日期")
				continue
			}
			r.spendDate = d
			show(d)
		case "product":
			if utf8.RuneCountInString(v) > 100 {
				v = string([]rune(v)[:100])
				warn("商品名称过长", "商品名称超过100个字，已截断")
			}
			r.product = v
			show(v)
		case "referrer":
			r.referrer = v
			show(v)
		case "source":
			s, unknown := ParseSource(v)
			r.in.Source = s
			if unknown {
				keep("来源")
			}
			show(s)
		}
	}
	switch {
	case r.spend > 0 && r.spendDate == "":
		// A ledger's 累计消费 (or an amount with no date): the customer's opening spend, counted in
		// 累计消费 but in no dated window. What was bought is kept in the notes.
		r.opening = true
		if c := p.colOf("spend"); c >= 0 {
			r.display[c] = "期初累计消费 " + yuan(r.spend)
		}
		if r.product != "" {
			notes = append(notes, "购买："+r.product)
		}
	case r.spend == 0 && r.product != "":
		notes = append(notes, "购买："+r.product)
	}
	if r.fail == nil {
		r.fail = p.overCap(row, cells, r.principal)
	}
	r.in.OtherPhone = joinUnique(others, " ")
	r.in.Notes = strings.Join(notes, "；")
	if n := utf8.RuneCountInString(r.in.Notes); n > 2000 {
		r.in.Notes = string([]rune(r.in.Notes)[:2000])
		r.issues = append(r.issues, Issue{Row: row, Col: -1, Reason: "备注过长", Message: "备注超过2000字，已截断"})
	}
	if r.fail == nil && r.in.Name == "" {
		r.fail = &Issue{Row: row, Col: p.colOf("name"), Reason: "缺少姓名", Message: "姓名为空"}
	}
	if r.fail == nil {
		// Checked and keyed here, on the goroutine reading the file, in case the row makes a new
		// customer: the goroutine writing the batch then only writes.
		in := r.in
		if in.Source == "" {
			in.Source = "导入"
		}
		r.prep = customers.Prepare(in, p.now)
	}
	return r
}

func (p *parser) colOf(field string) int {
	for _, c := range p.cols {
		if c.Field == field {
			return c.Index
		}
	}
	return -1
}

func joinUnique(parts []string, sep string) string {
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func yuan(fen int64) string { return fmt.Sprintf("¥%d.%02d", fen/100, fen%100) }

func birthdayText(b customers.Birthday) string {
	if b.Month == 0 {
		return ""
	}
	year, leap := "", ""
	if b.Year != 0 {
		year = fmt.Sprintf("%d年", b.Year)
	}
	if b.Leap {
		leap = "闰"
	}
	day := fmt.Sprintf("%s%d月%d日", leap, b.Month, b.Day)
	if b.Calendar == "lunar" {
		return "农历" + year + day
	}
	return year + day
}

// errMessage is the Chinese message of one of our errors.
func errMessage(err error) string {
	var e *errs.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
