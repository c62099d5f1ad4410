package app

import (
	"fmt"

	"jiuke/backend/print"
)

// The PDFs printed for the evening itself: table cards, name tents, the seating poster, the door stand.

// material loads an event's material after the caller passed the gate.
func (s *Print) material(eventID int64) (print.Material, error) {
	return print.Load(s.core.context(), s.core.DB.R, eventID)
}

// TableCards is one folded A5 card per table.
func (s *Print) TableCards(eventID int64) (ExportFile, error) {
	return s.eventPDF(eventID, "桌卡", nil, func(m print.Material) ([]byte, int, error) {
		data, _, err := print.TableCardsPDF(m)
		return data, len(m.Tables), err
	})
}

// NameTents prints every guest's and host's tent in seat order, two to an A4 sheet; extra adds tents
// typed one a line as "姓名 单位/职务" (the brand's guests, speakers).
func (s *Print) NameTents(eventID int64, extra string) (ExportFile, error) {
	var more []print.Tent
	check := func() (err error) {
		more, err = print.ParseExtraTents(extra)
		return err
	}
	return s.eventPDF(eventID, "席卡", check, func(m print.Material) ([]byte, int, error) {
		tents := append(print.Tents(m), more...)
		data, _, err := print.NameTentsPDF(tents, m.Style.Accent)
		return data, len(tents), err
	})
}

// SeatingPoster is the A3 plan of every table and its guests, for the entrance.
func (s *Print) SeatingPoster(eventID int64) (ExportFile, error) {
	return s.eventPDF(eventID, "座位图", nil, func(m print.Material) ([]byte, int, error) {
		data, _, err := print.SeatingPosterPDF(m)
		return data, 1, err
	})
}

// DoorStand is the A4 stand with the event's walk-in code; it needs shop-network mode on, since the
// code opens a page on this PC's shop-network server.
func (s *Print) DoorStand(eventID int64) (ExportFile, error) {
	return s.eventPDF(eventID, "签到台卡", nil, func(m print.Material) ([]byte, int, error) {
		links, err := s.core.CheckInURLs(eventID)
		if err != nil {
			return nil, 0, err
		}
		data, _, err := print.DoorStandPDF(m, links.WalkIn)
		return data, 1, err
	})
}

// eventPDF passes the gate once, runs check (the call's own arguments, so bad input is refused
// before the save dialog opens), loads the event and delivers what render draws of it.
func (s *Print) eventPDF(eventID int64, what string, check func() error, render func(print.Material) ([]byte, int, error)) (ExportFile, error) {
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	if check != nil {
		if err := check(); err != nil {
			return ExportFile{}, err
		}
	}
	m, err := s.material(eventID)
	if err != nil {
		return ExportFile{}, err
	}
	name := fmt.Sprintf("%s-%s.pdf", what, fileSafe(m.Event.Name))
	return s.deliver(p, eventID, what, name, func() ([]byte, int, error) { return render(m) })
}
