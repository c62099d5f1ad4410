// useDialogForm is the shell the small member dialogs share: the v-model open state, a fresh form
// each time the dialog opens, one save at a time, and Enter to save (see isSubmitEnter).
import { computed, ref, watch } from 'vue'
import { isSubmitEnter } from './keys'

export function useDialogForm(
  props: { modelValue: boolean },
  emit: (e: 'update:modelValue', v: boolean) => void,
  opts: { reset: () => void; save: () => Promise<void> },
) {
  const open = computed({ get: () => props.modelValue, set: (v: boolean) => emit('update:modelValue', v) })
  const saving = ref(false)
  const rootRef = ref<HTMLElement | null>(null)
  watch(() => props.modelValue, (v) => v && opts.reset())

  async function submit() {
    if (saving.value) return
    saving.value = true
    try {
      await opts.save()
    } finally {
      saving.value = false
    }
  }

  function onKeydown(e: KeyboardEvent) {
    if (!isSubmitEnter(e)) return
    e.preventDefault()
    void submit()
  }
  return { open, saving, rootRef, submit, onKeydown }
}
