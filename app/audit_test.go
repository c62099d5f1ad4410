package app

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/audit"
	"jiuke/backend/customers"
)

func TestOwnerExportsTheFilteredAuditLog(t *testing.T) {
	core := signedInCore(t, nil)
	c, err := (&Customers{core}).Create(customers.Input{Name: "张三", Mobile: "13800138000"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&Customers{core}).Archive(c.ID, "搬到外地"); err != nil {
		t.Fatal(err)
	}
	out, err := (&Audit{core}).Export(audit.Filter{Action: "停用客户"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := base64.StdEncoding.DecodeString(out.Base64)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("操作日志")
	if err != nil || len(rows) != 2 || rows[0][2] != "操作" || rows[1][2] != "停用客户" || rows[1][3] != "张三" || out.Rows != 1 {
		t.Fatalf("rows %v (%d) %v", rows, out.Rows, err)
	}
	page, _ := (&Audit{core}).List(audit.Filter{Action: "导出"})
	if page.Total != 1 {
		t.Fatal("the export itself was not logged")
	}
}
