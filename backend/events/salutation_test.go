package events_test

import (
	"testing"

	"jiuke/backend/events"
)

func TestSalutation(t *testing.T) {
	cases := []struct{ name, gender, want string }{
		{"张伟", "M", "张先生"},
		{"李娜", "F", "李女士"},
		{"王小明", "M", "王先生"},
		{"欧阳娜娜", "F", "欧阳女士"},
		{"司马光", "M", "司马先生"},
		{"诸葛亮", "M", "诸葛先生"},
		{"上官婉儿", "F", "上官女士"},
		{"尉迟恭", "M", "尉迟先生"},
		{"令狐冲", "M", "令狐先生"},
		{"长孙无忌", "M", "长孙先生"},
		{"澹台明", "F", "澹台女士"},
		{"万俟雪", "F", "万俟女士"},
		{"东方红", "M", "东方先生"},
		{"独孤敏", "F", "独孤女士"},
		{"西门庆", "M", "西门先生"},
		{"南宫燕", "F", "南宫女士"},
		// A four-character name with a single surname keeps only the first character.
		{"陈王一鸣", "M", "陈先生"},
		// No gender: never guess; the full name and 贵宾.
		{"张伟", "", "张伟贵宾"},
		{"欧阳娜娜", "", "欧阳娜娜贵宾"},
		{"张伟", "U", "张伟贵宾"},
		// Not a Chinese personal name: the whole name with the title.
		{"David Li", "M", "David Li先生"},
		{"  李娜 ", "F", "李女士"},
	}
	for _, c := range cases {
		if got := events.Salutation(c.name, c.gender); got != c.want {
			t.Errorf("Salutation(%q, %q) = %q, want %q", c.name, c.gender, got, c.want)
		}
	}
}

func TestInvitationTextUsesTheSameSalutation(t *testing.T) {
	ev := events.Event{Name: "秋季品鉴会", StartsAt: "2026-12-05 19:00"}
	for _, c := range []struct{ name, gender, want string }{{"司马光", "M", "司马先生"}, {"张伟", "", "张伟贵宾"}} {
		if got := events.Render("{称呼}：您好", ev, events.Guest{Name: c.name, Gender: c.gender}); got != c.want+"：您好" {
			t.Errorf("Render for %s = %q", c.name, got)
		}
	}
}
