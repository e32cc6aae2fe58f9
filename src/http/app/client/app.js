// The field app's module script (progressive enhancement only: every form works without it).
// The offline queue (service worker registration, IndexedDB, sending with Idempotency-Key) is
// added here by the offline work (issue 8 point 4); see src/http/app/layout.tsx for the markup
// contract this file relies on.

// A goal <select> whose options carry data-case shows only the goals of the chosen case.
for (const form of document.querySelectorAll('form')) {
  const caseSelect = form.querySelector('select[name="case_id"]')
  const goalSelect = form.querySelector('select[name="goal_id"]')
  if (!caseSelect || !goalSelect) continue
  const sync = () => {
    for (const option of goalSelect.querySelectorAll('option[data-case]')) {
      option.hidden = caseSelect.value !== '' && option.dataset.case !== caseSelect.value
    }
    const chosen = goalSelect.selectedOptions[0]
    if (chosen?.hidden) goalSelect.value = ''
  }
  caseSelect.addEventListener('change', sync)
  sync()
}
