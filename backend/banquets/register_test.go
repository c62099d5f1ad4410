package banquets_test

import (
	"database/sql"
	"testing"
	"time"

	"jiuke/backend/banquets"
)

func TestRegisterKeepsTheBanquetAndPricesTheOrder(t *testing.T) {
	f := newFixture(t)
	in := f.wedding()
	b := f.register(in)
	// 12 × ¥900 + 12 × ¥400 (剑南春 at retail, 12 a case)
	if b.State != "登记" || b.PriceFen != 12*90000+12*40000 || b.VenueName != "金源大酒店" || b.HostName != "王新郎" || b.Tables != 20 {
		t.Fatalf("registered %+v", b)
	}
	if again := f.register(in); again.ID != b.ID || count(t, f.db, "banquets") != 1 {
		t.Fatalf("a repeated request registered twice: %d banquets", count(t, f.db, "banquets"))
	}
	d := f.detail(b.ID)
	if len(d.Lines) != 2 || d.Lines[0].Ordered != 12 || d.Lines[1].Ordered != 12 || d.Lines[1].UnitFen != 40000 {
		t.Fatalf("lines %+v", d.Lines)
	}
	held, _ := time.Parse(time.RFC3339, b.HeldAt)
	if held.In(time.FixedZone("CST", 8*3600)).Format("15:04") != "18:00" {
		t.Errorf("held at %s, want 18:00 shop time", b.HeldAt)
	}
}

func TestRegisterRefusesBadInputNamingTheField(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name, field, want string
		edit              func(*banquets.Input)
	}{
		{"kind", "kind", "宴席类型只能是", func(in *banquets.Input) { in.Kind = "年会" }},
		{"far past", "heldAt", "不能早于30天前", func(in *banquets.Input) {
			in.HeldAt = time.Now().AddDate(0, -2, 0).Format("2006-01-02") + " 18:00"
		}},
		{"far future", "heldAt", "两年后", func(in *banquets.Input) { in.HeldAt = "2099-01-01 18:00" }},
		{"date typo", "heldAt", "格式", func(in *banquets.Input) { in.HeldAt = "下周六" }},
		{"venue is a person", "venueId", "不是", func(in *banquets.Input) { in.VenueID = f.host }},
		{"venue is a tobacco shop", "venueId", "「好运烟酒行」不是", func(in *banquets.Input) { in.VenueID = f.tobacco }},
		{"no venue", "venueId", "请选择宴席场地", func(in *banquets.Input) { in.VenueID = 0 }},
		{"no host", "hostId", "办宴客户", func(in *banquets.Input) { in.HostID = 0 }},
		{"missing host", "hostId", "不存在", func(in *banquets.Input) { in.HostID = 999 }},
		{"tables", "tables", "桌数", func(in *banquets.Input) { in.Tables = 0 }},
		{"too many tables", "tables", "桌数", func(in *banquets.Input) { in.Tables = 501 }},
		{"no wine", "lines", "至少", func(in *banquets.Input) { in.Lines = nil }},
		{"same wine twice", "lines.1", "填了两次", func(in *banquets.Input) { in.Lines[1].ProductID = f.wuliang }},
		{"zero quantity", "lines.0", "不能都为0", func(in *banquets.Input) { in.Lines[0].Cases = 0 }},
		{"negative", "lines.0", "不能为负数", func(in *banquets.Input) { in.Lines[0].Cases = -1 }},
		{"unknown wine", "lines.0", "第1行", func(in *banquets.Input) { in.Lines[0].ProductID = 999 }},
		{"programme", "programmeId", "品牌政策", func(in *banquets.Input) { in.ProgrammeID = 5 }},
		{"deposit", "depositFen", "订金", func(in *banquets.Input) { in.DepositFen = -1 }},
		{"no key", "idemKey", "请求编号", func(in *banquets.Input) { in.IdemKey = "" }},
	}
	for _, c := range cases {
		in := f.wedding()
		c.edit(&in)
		err := f.tx(func(tx *sql.Tx) error { _, _, err := banquets.Register(f.ctx, tx, in, 0); return err })
		refused(t, c.name, err, c.field, c.want)
	}
	if n := count(t, f.db, "banquets") + count(t, f.db, "banquet_lines"); n != 0 {
		t.Errorf("refused registrations left %d rows", n)
	}
}

func TestIllegalMovesAreRefusedInChinese(t *testing.T) {
	f := newFixture(t)
	b := f.register(f.wedding())
	// Not delivered: cannot be held or settled.
	err := f.tx(func(tx *sql.Tx) error { _, err := banquets.MarkHeld(f.ctx, tx, b.ID); return err })
	refused(t, "held before delivery", err, "state", "宴席当前为「登记」，不能改为「已办」")
	_, err = f.settle(b.ID, banquets.SettleInput{})
	refused(t, "settle before delivery", err, "state", "只有已送酒或已办的宴席才能结算")
	// Editing works only while 登记.
	in := f.wedding()
	in.Tables = 30
	if err := f.tx(func(tx *sql.Tx) error { _, err := banquets.Update(f.ctx, tx, b.ID, in); return err }); err != nil {
		t.Fatal(err)
	}
	if err := f.deliver(b.ID, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Cases: 2}}}); err != nil {
		t.Fatal(err)
	}
	err = f.tx(func(tx *sql.Tx) error { _, err := banquets.Update(f.ctx, tx, b.ID, in); return err })
	refused(t, "edit after delivery", err, "state", "不能再修改")
	// Cancelling a delivered banquet brings its wine back.
	var back int64
	if err := f.tx(func(tx *sql.Tx) error {
		var err error
		_, back, err = banquets.Cancel(f.ctx, tx, b.ID, "改期", 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if back != 12 {
		t.Errorf("cancel brought back %d bottles, want 12", back)
	}
	err = f.tx(func(tx *sql.Tx) error { _, err := banquets.MarkHeld(f.ctx, tx, b.ID); return err })
	refused(t, "held after cancel", err, "state", "不能再变更状态")
	err = f.deliver(b.ID, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Cases: 1}}})
	refused(t, "deliver after cancel", err, "state", "不能再送酒")
	other := f.register(f.wedding())
	err = f.tx(func(tx *sql.Tx) error { _, _, err := banquets.Cancel(f.ctx, tx, other.ID, "", 0); return err })
	refused(t, "cancel without reason", err, "reason", "取消原因")
}
