package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"jiuke/backend/wallet/coupons"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"jiuke/backend/audit"
	"jiuke/backend/communities"
	"jiuke/backend/customers"
	"jiuke/backend/events"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/scoring"
	"jiuke/backend/segments"
	"jiuke/backend/settings"
	"jiuke/backend/sheets"
	"jiuke/backend/wallet"
)

// logCall is one place in app/*.go that writes the operation log.
type logCall struct {
	where   string
	method  string   // the bound method that logs, e.g. Sales.Refund
	action  string   // "" when the action is not a literal
	details ast.Expr // nil when none is given
	label   ast.Expr // the target label
	// built holds what the method puts into a local details map before the call: the map literal
	// assigned to it and details["key"] = … lines.
	built []ast.Expr
	keys  []string
}

// logCalls finds every s.core.log(...) and audit.Log(..., audit.Record{...}) in the package's sources.
func logCalls(t *testing.T) []logCall {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []logCall
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			method := fn.Name.Name
			if fn.Recv != nil {
				rt := fn.Recv.List[0].Type
				if st, ok := rt.(*ast.StarExpr); ok {
					rt = st.X
				}
				if id, ok := rt.(*ast.Ident); ok {
					method = id.Name + "." + method
				}
			}
			out = append(out, callsIn(fset, fn.Body, method, t)...)
		}
	}
	if len(out) < 60 {
		t.Fatalf("found only %d log calls: the scan no longer recognises them", len(out))
	}
	return out
}

func callsIn(fset *token.FileSet, body *ast.BlockStmt, method string, t *testing.T) []logCall {
	var out []logCall
	var built []ast.Expr
	var keys []string
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, l := range as.Lhs {
			switch x := l.(type) {
			case *ast.Ident:
				if x.Name == "details" && i < len(as.Rhs) {
					built = append(built, as.Rhs[i])
				}
			case *ast.IndexExpr:
				if isIdent(x.X, "details") {
					keys = append(keys, literal(x.Index))
				}
			}
		}
		return true
	})
	defer func() {
		for i := range out {
			if isIdent(out[i].details, "details") {
				out[i].built, out[i].keys = built, keys
			}
		}
	}()
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		where := fset.Position(call.Pos()).String()
		switch {
		case sel.Sel.Name == "log" && len(call.Args) == 8:
			// c.log(ctx, tx, actor, action, targetType, targetID, label, details)
			out = append(out, logCall{where: where, method: method, action: literal(call.Args[3]), label: call.Args[6], details: nilIfNil(call.Args[7])})
		case sel.Sel.Name == "Log" && isIdent(sel.X, "audit") && len(call.Args) == 3:
			rec, ok := call.Args[2].(*ast.CompositeLit)
			if !ok {
				t.Errorf("%s: audit.Log with a record that is not written out", where)
				return true
			}
			c := logCall{where: where, method: method}
			for _, e := range rec.Elts {
				kv := e.(*ast.KeyValueExpr)
				switch kv.Key.(*ast.Ident).Name {
				case "Action":
					c.action = literal(kv.Value)
				case "Details":
					c.details = nilIfNil(kv.Value)
				case "TargetLabel":
					c.label = kv.Value
				}
			}
			out = append(out, c)
		}
		return true
	})
	return out
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func literal(e ast.Expr) string {
	if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
		s, _ := strconv.Unquote(b.Value)
		return s
	}
	return ""
}

func nilIfNil(e ast.Expr) ast.Expr {
	if isIdent(e, "nil") {
		return nil
	}
	return e
}

// Details passed as a value of some type (not a map written out at the call) are listed here by the
// method that logs, with a value of that type, so their JSON keys can be read. A new log call that
// passes a struct must be added here, or the test below fails.
var typedDetails = map[string]any{
	"Scoring.SaveWeights":        scoring.Weights{},
	"Events.AddGuests":           events.AddResult{},
	"Events.UpdateTable":         events.TableInput{},
	"Events.AutoSeat":            events.AutoSeatResult{},
	"Events.SaveCost":            events.Cost{},
	"Communities.Save":           communities.Group{},
	"Communities.AddActivity":    communities.Activity{},
	"Communities.DeleteActivity": communities.Activity{},
	"Communities.SaveSettings":   communities.Settings{},
	"Members.SaveLevels":         []members.Level{},
	"Members.SaveCardSettings":   "",
	"Points.SaveRules":           points.Rules{},
	"Points.SaveGift":            points.Gift{},
	"Points.ApplyExpiry":         ExpiryResult{},
	"Sales.SaveProduct":          sales.Product{},
	"Sheets.UndoBatch":           sheets.UndoResult{},
	"System.SaveShop":            settings.Shop{},
	"Wallet.SavePackages":        []wallet.Package{},
	"Wallet.SaveRules":           wallet.Rules{},
	"Coupons.SaveType":           coupons.Type{},
}

// Values inside a details map that have a type of their own, by "method.key".
var typedValues = map[string]any{
	"Sales.Record.lines":       []sales.LineInput{},
	"Communities.Draw.winners": []communities.Winner{},
}

// keysOf lists the JSON keys a map literal at a log call writes, descending into nested literals.
func keysOf(e ast.Expr, add func(string), value func(key string, v ast.Expr)) (typed bool) {
	switch x := e.(type) {
	case *ast.CompositeLit:
		switch tt := x.Type.(type) {
		case *ast.MapType:
			for _, el := range x.Elts {
				kv := el.(*ast.KeyValueExpr)
				if k := literal(kv.Key); k != "" {
					add(k)
					value(k, kv.Value)
				}
				// Values written out are read too; other values are taken as plain (numbers, text,
				// id lists) unless typedDetails names their type as "action.key".
				if v, ok := kv.Value.(*ast.CompositeLit); ok && !isChange(v) && keysOf(kv.Value, add, value) {
					typed = true
				}
			}
			return typed
		case *ast.SelectorExpr:
			if isIdent(tt.X, "audit") && tt.Sel.Name == "Change" {
				for _, el := range x.Elts {
					if keysOf(el.(*ast.KeyValueExpr).Value, add, value) {
						typed = true
					}
				}
				return typed
			}
		}
		return true
	case *ast.BasicLit, *ast.BinaryExpr:
		return false
	case *ast.Ident:
		// a details map built beside the call is read from c.built and c.keys
		return x.Name != "details"
	case *ast.SelectorExpr, *ast.CallExpr, *ast.IndexExpr, *ast.StarExpr, *ast.UnaryExpr:
		return true
	}
	return true
}

// jsonKeys lists the JSON keys of a Go type, descending into structs, slices, maps and pointers.
func jsonKeys(t reflect.Type, add func(string), seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name := strings.Split(tag, ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && name == "" {
			jsonKeys(f.Type, add, seen)
			continue
		}
		if name == "" {
			name = f.Name
		}
		add(name)
		jsonKeys(f.Type, add, seen)
	}
}

// Every line of the operation log names what it touched, and every details key any log call
// writes has a Chinese label in backend/audit's one table.
func TestEveryLogCallHasATargetAndLabelledDetails(t *testing.T) {
	missing := map[string][]string{}
	for _, c := range logCalls(t) {
		if c.label == nil || literal(c.label) == "" && isEmptyString(c.label) {
			t.Errorf("%s (%s %s): no target label", c.where, c.method, c.action)
		}
		if c.details == nil {
			continue
		}
		add := func(k string) {
			if !audit.HasLabel(k) {
				missing[k] = append(missing[k], c.where)
			}
		}
		value := func(key string, v ast.Expr) {
			if tv, ok := typedValues[c.method+"."+key]; ok {
				jsonKeys(reflect.TypeOf(tv), add, map[reflect.Type]bool{})
			}
		}
		for _, k := range c.keys {
			add(k)
		}
		for _, b := range c.built {
			if keysOf(b, add, value) {
				t.Errorf("%s (%s): a details map built from values the test cannot read", c.where, c.method)
			}
		}
		if keysOf(c.details, add, value) {
			v, ok := typedDetails[c.method]
			if !ok {
				t.Errorf("%s (%s): details of a type the test does not know; add it to typedDetails", c.where, c.method)
				continue
			}
			jsonKeys(reflect.TypeOf(v), add, map[reflect.Type]bool{})
		}
	}
	keys := make([]string, 0, len(missing))
	for k := range missing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("details key %q has no label (written at %s)", k, missing[k][0])
	}
}

func isEmptyString(e ast.Expr) bool {
	b, ok := e.(*ast.BasicLit)
	return ok && b.Kind == token.STRING && (b.Value == `""` || b.Value == "``")
}

// isChange: an audit.Change written out inside a details map holds plain old and new values.
func isChange(c *ast.CompositeLit) bool {
	sel, ok := c.Type.(*ast.SelectorExpr)
	return ok && isIdent(sel.X, "audit") && sel.Sel.Name == "Change"
}

// The lines a user read as raw English keys and blank targets: a refund, a check-in and a segment.
func TestAuditLinesNameTheTargetInChinese(t *testing.T) {
	core := signedInCore(t, nil)
	c, err := (&Customers{core}).Create(customers.Input{Name: "张三", Mobile: "13800138000"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := (&Sales{core}).SaveProduct(sales.Product{Name: "国窖1573", Category: "白酒", RetailFen: 123400, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	buy, err := (&Sales{core}).Record(sales.PurchaseInput{CustomerID: c.ID, Lines: []sales.LineInput{{ProductID: p.ID, Qty: 1}}, Key: "k1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&Sales{core}).Refund(sales.RefundInput{PurchaseID: buy.ID, All: true, Reason: "破损", Key: "r1"}); err != nil {
		t.Fatal(err)
	}
	var gold float64
	levels, _ := (&Members{core}).Levels()
	for _, l := range levels {
		if l.Name == "金卡" {
			gold = float64(l.ID)
		}
	}
	days := 365
	def := segments.Node{Op: "AND", Items: []segments.Node{{Field: "level", Cmp: "is", Num: &gold}, {Field: "spend", Cmp: "gte", Num: ptr(5000.0), Days: &days}}}
	if _, err := (&Segments{core}).Save(0, segments.Input{Name: "金卡大客户", Definition: def}); err != nil {
		t.Fatal(err)
	}
	line := func(action string) audit.Entry {
		t.Helper()
		page, err := (&Audit{core}).List(audit.Filter{Action: action})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("%s: %+v %v", action, page, err)
		}
		return page.Items[0]
	}
	refund := line("退货")
	if !strings.Contains(refund.TargetLabel, "张三") || !strings.Contains(refund.TargetLabel, "¥1,234.00") {
		t.Errorf("refund target %q", refund.TargetLabel)
	}
	if len(refund.Lines) == 0 || refund.Lines[0] != (audit.Line{Label: "金额", Text: "¥1,234.00"}) {
		t.Errorf("refund lines %+v", refund.Lines)
	}
	seg := line("新建客群")
	want := audit.Line{Label: "条件", Text: "等级=金卡 且 近365天消费≥¥5,000"}
	found := false
	for _, l := range seg.Lines {
		found = found || l == want
	}
	if !found {
		t.Errorf("segment lines %+v", seg.Lines)
	}
}

func ptr[T any](v T) *T { return &v }
