// One download at a time per tab: runs a Print call, hands the file over (a browser download; in the
// window Go saved and opened it already) and says where it went. Errors are shown by the transport.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { saveFile } from '@/api/sheets'
import type { ExportFile } from '@/api/sheets'

export function useDownload() {
  const { t } = useI18n()
  const busy = ref('')
  async function run(key: string, call: () => Promise<ExportFile>) {
    if (busy.value) return
    busy.value = key
    try {
      const f = await call()
      if (f.cancelled) return
      saveFile(f)
      ElMessage.success(f.savedTo ? t('print.saved', { path: f.savedTo }) : t('print.downloaded', { name: f.name }))
    } finally {
      busy.value = ''
    }
  }
  return { busy, run }
}
