import { expect, test } from 'vitest'
import QRCode from 'qrcode'
import { qrDataURL } from './qr'

test('an address becomes an SVG data URL of its QR code', async () => {
  const url = await qrDataURL('http://192.168.1.20:8421/')
  expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true)
  const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1))
  expect(svg).toContain('<svg')
  expect(svg).toContain('<path')
  // The code itself holds the address (version 2 or so: small enough for a tablet camera at arm's length).
  const qr = QRCode.create('http://192.168.1.20:8421/', { errorCorrectionLevel: 'M' })
  expect(qr.version).toBeLessThanOrEqual(3)
})
