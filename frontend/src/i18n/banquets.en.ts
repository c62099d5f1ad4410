// Banquets: list, register form, delivery, settlement, payments, photos, print.
export default {
  banquets: {
    title: 'Banquets', new: 'Register banquet', edit: 'Edit', allStates: 'All', empty: 'No banquets yet: register one', searchPlaceholder: 'Host, venue or contact',
    heldAt: 'Date', host: 'Host', hostPlaceholder: 'Find a customer by name, mobile or pinyin', kind: 'Kind', venue: 'Venue', venuePlaceholder: 'Pick a hotel or restaurant',
    tables: 'Tables', contact: 'Contact', contactName: 'Name', contactPhone: 'Phone', wine: 'Wine', product: 'Product', perCase: 'per case',
    cases: 'cases', bottles: 'bottles', unitPlaceholder: 'Price per bottle', addLine: 'Add product', orderTotal: 'Wine total', deposit: 'Deposit', yuan: 'Amount (¥)',
    programme: 'Brand programme', noProgramme: 'None', staff: 'Staff', notes: 'Notes', save: 'Save', back: 'Back', price: 'Wine price',
    bottlesOut: 'Bottles out', photos: 'Photos', state: 'State', ordered: 'Ordered', markHeld: 'Mark held', cancel: 'Cancel banquet',
    cancelPrompt: 'Why is it cancelled? (Wine delivered goes back into stock)', cancelReason: 'Please give a reason',
    v: { host: 'Pick the host', venue: 'Pick the venue', date: 'Pick the date', tables: 'At least 1 table', product: 'Pick a product', quantity: 'Cases and bottles cannot both be 0', money: 'Amount like 1200 or 1200.50' },
    delivery: {
      title: 'Delivery', total: 'Bottles', scanPlaceholder: 'Scan or type a code, then Enter', scanned: '{n} codes scanned', twice: 'Code {code} already scanned',
      note: 'Delivery note (optional)', save: 'Deliver',
    },
    settle: {
      termsTitle: 'As computed by {programme}', computed: 'Programme: ', noGifts: 'No tier reached, no gifts', giftTotal: '{n} in all',
      reason: 'Reason', reasonPlaceholder: 'Needed when differing from the programme', reasonNeeded: 'Gifts or rebates differ from the programme: give a reason',
      title: 'Settlement', out: 'Out', opened: 'Opened', returned: 'Returned', lost: 'Lost', countedBy: 'Counted by',
      tooMany: '{name}: opened and returned {n}, more than the {out} delivered', gifts: 'Gifts', giftName: 'Gift', perTable: 'per table', addGift: 'Add gift',
      rebateOutlet: 'Outlet rebate', rebateHost: 'Host rebate', goods: 'Opened', paid: 'Paid', hostPays: 'Host pays {amount}', hostGets: 'Host gets back {amount}',
      save: 'Settle (manager)',
    },
    count: { caps: 'Caps', codes: 'Codes', count: 'Count' },
    pay: {
      title: 'Payments', time: 'Time', kind: 'Kind', method: 'Method', amount: 'Amount', save: 'Record',
      kinds: { deposit: 'Deposit', settle: 'Balance', refund: 'Refund' }, due: 'Due {amount}', owed: 'To refund {amount}',
      stored: 'Host stored value {amount}', storedPaid: 'Paid by stored value {amount} (refunds go back there first)',
    },
    evidence: {
      pick: 'Choose from this PC', 
      title: 'Photos', upload: 'Take or choose photos', note: 'Note (optional)', noteRequired: 'Filed: say why this photo is added', remove: 'Remove',
      filed: 'Claim filed: photos can only be added', tooBig: 'Photos up to {mb} MB', codes: '{n} codes scanned at delivery are proof too',
      kinds: { tables: 'Tables', opened: 'Opened bottles', sign: 'Venue sign', other: 'Other' },
    },
    print: {
      delivery: 'Print delivery note', settlement: 'Print settlement slip', deliveryTitle: 'Banquet delivery note', settlementTitle: 'Banquet settlement', cases: 'Cases/bottles',
      codes: 'Codes', unit: 'Price', amount: 'Amount', sign: 'Signed', date: 'Date',
    },
  },
}
