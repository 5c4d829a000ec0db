"""Checklist item 25: nothing a person writes is kept in the browser. After writing a good moment, a thought and
an "I'm activated" note with a marker in each, the browser's storage (localStorage, sessionStorage, IndexedDB,
CacheStorage, cookies) holds no marker, no service worker is registered; after signing out, the page holds no
marker either."""

from tests.browser.conftest import sign_in
from tests.personas import PASSWORD

CANARY = "CANARY-kept-in-browser-7Q"

STORAGE = """async (canary) => {
  const found = [];
  for (const store of [localStorage, sessionStorage]) {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if ((key + store.getItem(key)).includes(canary)) { found.push('web storage: ' + key); }
    }
  }
  if (indexedDB.databases) {
    const databases = await indexedDB.databases();
    if (databases.length) { found.push('indexedDB: ' + databases.map(d => d.name).join(',')); }
  }
  if (window.caches) {
    const names = await caches.keys();
    if (names.length) { found.push('CacheStorage: ' + names.join(',')); }
  }
  if (navigator.serviceWorker) {
    const workers = await navigator.serviceWorker.getRegistrations();
    if (workers.length) { found.push('service workers: ' + workers.length); }
  }
  return found;
}"""


def test_what_a_person_writes_stays_out_of_browser_storage(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/diary/good-moments/new/")
    page.fill("#id_what_happened", f"He made me tea without asking {CANARY}")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    page.goto("/think/thoughts/new/")
    page.fill("#id_situation", f"No reply since lunch {CANARY}")
    page.fill("#id_automatic_thought", f"They are pulling away {CANARY}")
    page.goto(f"/diary/?q={CANARY}")  # a page left with words typed and not sent, then another
    for address in ("/home/", "/diary/good-moments/"):
        page.goto(address)
        assert page.evaluate(STORAGE, CANARY) == [], address
    assert all(CANARY not in cookie["value"] for cookie in page.context.cookies())
    assert CANARY in page.content()  # the good moment is on its page, so the search above could find it
    page.click("text=Sign out")
    page.wait_for_load_state()
    page.go_back()
    page.wait_for_load_state()
    assert CANARY not in page.content()
    assert page.evaluate(STORAGE, CANARY) == []
