// Package claims owns what brands pay back (厂家费用核销): a brand programme's rules, what each banquet
// and sponsored tasting earns under them, the proof the brand demands, claims filed with the brand and
// the receivables they leave, and the rebates the distributor owes onwards to outlets and hosts.
package claims

import (
	"fmt"

	"jiuke/backend/errs"
)

// Split modes of a per-bottle rebate.
const (
	SplitAmount  = "amount"  // each party gets a fixed ¥ per opened bottle
	SplitPercent = "percent" // the rebate per bottle is shared by percentages summing to 100
)

// Proof kinds a brand may demand. Photo kinds match the banquet evidence kinds.
var PhotoKinds = []string{"tables", "opened", "sign", "other"}

var photoKindNames = map[string]string{"tables": "桌数照片", "opened": "开瓶照片", "sign": "门头照片", "other": "其他照片"}

// PhotoKindName is the Chinese name of a photo kind.
func PhotoKindName(k string) string {
	if n, ok := photoKindNames[k]; ok {
		return n
	}
	return k
}

// Gift is something the brand funds per table or per banquet; Value (fen each) is what is claimed.
type Gift struct {
	Name  string `json:"name"`
	Qty   int64  `json:"qty"`
	Value int64  `json:"value"`
}

// Tier is a threshold: a banquet with at least MinCases cases and MinTables tables earns PerTable gifts
// for every table and Extra gifts once. The highest tier a banquet reaches is the one that counts.
type Tier struct {
	MinCases  int64  `json:"minCases"`
	MinTables int64  `json:"minTables"`
	PerTable  []Gift `json:"perTable"`
	Extra     []Gift `json:"extra"`
}

// Split says how the rebate of one opened bottle is shared. In amount mode each figure is fen per
// bottle and the rebate per bottle is their sum; in percent mode the figures are whole percentages.
type Split struct {
	Mode        string `json:"mode"`
	Distributor int64  `json:"distributor"`
	Outlet      int64  `json:"outlet"`
	Host        int64  `json:"host"`
}

// BanquetRules are the banquet part of a programme.
type BanquetRules struct {
	Tiers           []Tier `json:"tiers"`
	RebatePerBottle int64  `json:"rebatePerBottle"` // fen; used in percent mode
	Split           Split  `json:"split"`
	RebateCap       int64  `json:"rebateCap"` // fen per banquet, 0 = no cap
	GiftCap         int64  `json:"giftCap"`   // fen of gifts per banquet, 0 = no cap
}

// EventRules are the tasting-event sponsorship of a programme.
type EventRules struct {
	PerAttendee int64 `json:"perAttendee"` // fen per checked-in guest
	PerEvent    int64 `json:"perEvent"`    // fen per event
	Budget      int64 `json:"budget"`      // fen for the whole programme, 0 = no budget
}

// Proof is what the brand demands before it pays.
type Proof struct {
	Photos []string `json:"photos"` // photo kinds, one of each at least
	Codes  bool     `json:"codes"`  // bottle or case codes scanned at delivery
	SignIn bool     `json:"signIn"` // a sign-in sheet for sponsored events
}

// Rules are everything a programme decides.
type Rules struct {
	Banquet BanquetRules `json:"banquet"`
	Event   EventRules   `json:"event"`
	Proof   Proof        `json:"proof"`
}

// Validate refuses rules a shop could not mean, naming the field as the form shows it.
func (r Rules) Validate() error {
	b := r.Banquet
	checks := []*errs.Error{
		errs.Money("rules.banquet.rebatePerBottle", "每瓶返利", b.RebatePerBottle),
		errs.Money("rules.banquet.rebateCap", "每场返利上限", b.RebateCap),
		errs.Money("rules.banquet.giftCap", "每场礼品上限", b.GiftCap),
		errs.Money("rules.event.perAttendee", "每位到场嘉宾补贴", r.Event.PerAttendee),
		errs.Money("rules.event.perEvent", "每场活动补贴", r.Event.PerEvent),
		errs.Money("rules.event.budget", "活动补贴预算", r.Event.Budget),
	}
	if e := errs.First(checks...); e != nil {
		return e
	}
	if len(b.Tiers) > 20 {
		return errs.Invalid("rules.banquet.tiers", "档位不能超过20个")
	}
	for i, t := range b.Tiers {
		f := fmt.Sprintf("rules.banquet.tiers[%d]", i)
		label := fmt.Sprintf("第%d档", i+1)
		if e := errs.First(errs.Count(f+".minCases", label+"的箱数门槛", t.MinCases),
			errs.Count(f+".minTables", label+"的桌数门槛", t.MinTables)); e != nil {
			return e
		}
		if len(t.PerTable)+len(t.Extra) > 20 {
			return errs.Invalid(f, label+"的礼品不能超过20种")
		}
		for j, g := range append(append([]Gift{}, t.PerTable...), t.Extra...) {
			gf := fmt.Sprintf("%s.gifts[%d]", f, j)
			gl := fmt.Sprintf("%s第%d种礼品", label, j+1)
			if g.Name == "" {
				return errs.Invalid(gf+".name", gl+"的名称不能为空")
			}
			if e := errs.First(errs.Text(gf+".name", gl+"的名称", g.Name, errs.NameLen),
				errs.Count(gf+".qty", gl+"的数量", g.Qty), errs.Money(gf+".value", gl+"的单价", g.Value)); e != nil {
				return e
			}
			if g.Qty == 0 {
				return errs.Invalid(gf+".qty", gl+"的数量应大于0")
			}
		}
	}
	s := b.Split
	switch s.Mode {
	case SplitAmount:
		if e := errs.First(errs.Money("rules.banquet.split.distributor", "经销商每瓶返利", s.Distributor),
			errs.Money("rules.banquet.split.outlet", "终端每瓶返利", s.Outlet),
			errs.Money("rules.banquet.split.host", "宴席主家每瓶返利", s.Host)); e != nil {
			return e
		}
	case SplitPercent:
		if s.Distributor < 0 || s.Outlet < 0 || s.Host < 0 {
			return errs.Invalid("rules.banquet.split", "返利分配比例不能为负数")
		}
		if s.Distributor+s.Outlet+s.Host != 100 {
			return errs.Invalid("rules.banquet.split", fmt.Sprintf("返利分配比例合计应为100%%，现为%d%%", s.Distributor+s.Outlet+s.Host))
		}
	default:
		return errs.Invalid("rules.banquet.split.mode", "请选择返利分配方式：按金额或按比例")
	}
	for i, k := range r.Proof.Photos {
		if _, ok := photoKindNames[k]; !ok {
			return errs.Invalid(fmt.Sprintf("rules.proof.photos[%d]", i), "未知的照片种类："+k)
		}
	}
	return nil
}
