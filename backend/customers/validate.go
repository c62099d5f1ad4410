package customers

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// normalize trims the input, normalises the mobile and checks every rule that needs no database.
// The first problem found is returned, named by its field.
func normalize(in *Input, now time.Time) *errs.Error {
	in.Name = strings.TrimSpace(in.Name)
	in.District = strings.TrimSpace(in.District)
	in.Address = strings.TrimSpace(in.Address)
	in.Company = strings.TrimSpace(in.Company)
	in.Title = strings.TrimSpace(in.Title)
	in.Notes = strings.TrimSpace(in.Notes)
	in.OtherPhone = strings.TrimSpace(in.OtherPhone)
	if in.Name == "" {
		return errs.Invalid("name", "请填写姓名")
	}
	if utf8.RuneCountInString(in.Name) > 30 {
		return errs.Invalid("name", "姓名不能超过30个字")
	}
	m, e := NormalizeMobile(in.Mobile)
	if e != nil {
		return e
	}
	in.Mobile = m
	if utf8.RuneCountInString(in.OtherPhone) > 60 {
		return errs.Invalid("otherPhone", "其他电话不能超过60个字符")
	}
	if in.Gender != "" && in.Gender != "M" && in.Gender != "F" {
		return errs.Invalid("gender", "性别只能是男或女")
	}
	if in.Birthday.Calendar == "" {
		in.Birthday.Calendar = "solar"
	}
	if e := validateBirthday(in.Birthday, now.In(store.Shop)); e != nil {
		return e
	}
	if in.Source == "" {
		in.Source = "进店"
	}
	if !slices.Contains(Sources, in.Source) {
		return errs.Invalid("source", "来源只能是："+strings.Join(Sources, "、"))
	}
	for field, v := range map[string]string{"district": in.District, "company": in.Company, "title": in.Title} {
		if utf8.RuneCountInString(v) > 60 {
			return errs.Invalid(field, "内容不能超过60个字")
		}
	}
	if e := normalizeKind(in); e != nil {
		return e
	}
	if utf8.RuneCountInString(in.Address) > 200 {
		return errs.Invalid("address", "地址不能超过200个字")
	}
	if utf8.RuneCountInString(in.Notes) > 2000 {
		return errs.Invalid("notes", "备注不能超过2000个字")
	}
	return nil
}

// normalizeKind checks the customer kind and keeps the outlet fields only for a terminal outlet.
func normalizeKind(in *Input) *errs.Error {
	if in.Kind == "" {
		in.Kind = "个人"
	}
	if !slices.Contains(Kinds, in.Kind) {
		return errs.Invalid("kind", "客户类型只能是："+strings.Join(Kinds, "、"))
	}
	if in.Kind != "终端门店" {
		in.OutletType, in.ShopName, in.ContactPerson = "", "", ""
		return nil
	}
	in.ShopName, in.ContactPerson = strings.TrimSpace(in.ShopName), strings.TrimSpace(in.ContactPerson)
	if in.OutletType != "" && !slices.Contains(OutletTypes, in.OutletType) {
		return errs.Invalid("outletType", "门店类型只能是："+strings.Join(OutletTypes, "、"))
	}
	if utf8.RuneCountInString(in.ShopName) > 60 {
		return errs.Invalid("shopName", "门店名称不能超过60个字")
	}
	if utf8.RuneCountInString(in.ContactPerson) > 30 {
		return errs.Invalid("contactPerson", "联系人不能超过30个字")
	}
	return nil
}
