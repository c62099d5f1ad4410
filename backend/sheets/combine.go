package sheets

import (
	"strings"

	"jiuke/backend/customers"
)

// inputOf is a customer as its edit form would submit it unchanged.
func inputOf(c customers.Customer) customers.Input {
	return customers.Input{Name: c.Name, Mobile: c.Mobile, OtherPhone: c.OtherPhone, Gender: c.Gender, Birthday: c.Birthday,
		District: c.District, Address: c.Address, Company: c.Company, Title: c.Title, Source: c.Source,
		ReferrerID: c.ReferrerID, OwnerStaffID: c.OwnerStaffID, Notes: c.Notes, Consent: c.Consent,
		Kind: c.Kind, OutletType: c.OutletType, ShopName: c.ShopName, ContactPerson: c.ContactPerson}
}

// combine applies a duplicate row to the customer it matched. An empty cell never erases anything.
// update fills only what the customer lacks; overwrite lets the row win (a replaced mobile is kept
// among the other phones); merge fills what is lacking and keeps every differing value — phones
// among the other phones, texts in the notes — so nothing either side said is lost.
func combine(cur customers.Customer, row customers.Input, policy string) customers.Input {
	in := inputOf(cur)
	var kept []string
	text := func(dst *string, v, label string) {
		switch {
		case v == "" || v == *dst:
		case *dst == "" || policy == PolicyOverwrite:
			*dst = v
		case policy == PolicyMerge:
			kept = append(kept, "导入的"+label+"："+v)
		}
	}
	text(&in.Name, row.Name, "姓名")
	text(&in.District, row.District, "区域")
	text(&in.Address, row.Address, "地址")
	text(&in.Company, row.Company, "单位")
	text(&in.Title, row.Title, "职务")
	if row.OtherPhone != "" {
		switch {
		case in.OtherPhone == "" || policy == PolicyOverwrite:
			in.OtherPhone = row.OtherPhone
		case policy == PolicyMerge:
			in.OtherPhone = addPhone(in.OtherPhone, row.OtherPhone)
		}
	}
	if row.Mobile != "" && row.Mobile != in.Mobile {
		switch {
		case in.Mobile == "":
			in.Mobile = row.Mobile
		case policy == PolicyOverwrite:
			in.OtherPhone = addPhone(in.OtherPhone, in.Mobile)
			in.Mobile = row.Mobile
		case policy == PolicyMerge:
			in.OtherPhone = addPhone(in.OtherPhone, row.Mobile)
		}
	}
	if row.Gender != "" && (in.Gender == "" || policy == PolicyOverwrite) {
		in.Gender = row.Gender
	}
	if b := row.Birthday; b.Month != 0 && b != in.Birthday {
		switch {
		case in.Birthday.Month == 0 || policy == PolicyOverwrite:
			in.Birthday = b
		case policy == PolicyMerge:
			kept = append(kept, "导入的生日："+birthdayText(b))
		}
	}
	// A kind the row states replaces the default 个人, or anything when the row wins.
	if row.Kind != "" && row.Kind != in.Kind && (in.Kind == "个人" || policy == PolicyOverwrite) {
		in.Kind, in.OutletType = row.Kind, row.OutletType
	}
	text(&in.ShopName, row.ShopName, "门店名称")
	if row.Source != "" && policy == PolicyOverwrite {
		in.Source = row.Source
	}
	if row.Notes != "" && row.Notes != in.Notes {
		switch {
		case in.Notes == "" || policy == PolicyOverwrite:
			in.Notes = row.Notes
		case policy == PolicyMerge:
			kept = append([]string{row.Notes}, kept...)
		}
	}
	if len(kept) > 0 {
		in.Notes = strings.TrimPrefix(in.Notes+"；"+strings.Join(kept, "；"), "；")
	}
	return in
}

// addPhone appends a number to a list of other phones unless it is already there.
func addPhone(list, p string) string {
	if strings.Contains(list, p) {
		return list
	}
	return strings.TrimSpace(list + " " + p)
}
