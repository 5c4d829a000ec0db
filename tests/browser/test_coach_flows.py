"""The two moments a person walks through on a phone: a thought record, and pausing before sending a message."""

from playwright.sync_api import expect

from tests.browser.conftest import serious_axe_violations, sign_in
from tests.coach.helpers import activation, savouring
from tests.personas import PASSWORD


def test_a_thought_record_from_the_diary_to_before_and_after(page, alice):
    for day in (2, 5, 9):
        activation(alice, days_ago=day, outcome="They were in meetings all afternoon", minutes=45)
    savouring(alice, what="Breakfast in the garden together")
    moment = activation(alice, days_ago=0, thought="They're obviously pulling away from me.", trigger_note="No reply")
    sign_in(page, "alice", PASSWORD)
    page.goto("/think/")
    assert serious_axe_violations(page) == []

    page.goto(f"/think/thoughts/new/?activation={moment.pk}")
    assert page.input_value("#id_automatic_thought") == "They're obviously pulling away from me."
    assert page.is_checked("#id_intensity_before_7")  # the diary's rating, on the same 0-10 buttons
    assert serious_axe_violations(page) == []
    page.fill("#id_automatic_thought", "They're obviously pulling away from me. They will leave me.")
    page.fill("#id_emotion", "scared")
    page.click("button[value=check]")

    page.wait_for_selector("text=In the past when you felt this way")
    assert serious_axe_violations(page) == []
    assert page.locator("mark").count() >= 1
    assert page.locator("text=They were in meetings all afternoon").count() == 3
    page.locator("fieldset.trap").first.locator("input[value=fits]").check()
    page.locator(".past-times input[type=checkbox]").first.check()
    page.fill("#id_evidence_against", "They had a deadline today.")
    page.fill("#id_balanced_thought", "They're busy, which doesn't mean they don't care.")
    page.click("label[for=id_intensity_after_3]")
    page.click("button[value=save]")

    page.wait_for_selector("text=eased the feeling by 4 points")
    assert page.locator("text=1 turned out fine").count() == 1
    assert serious_axe_violations(page) == []
    # Back after saving is a page, not "Confirm Form Resubmission", and it does not offer to save it twice.
    page.go_back()
    expect(page.locator("main")).to_contain_text("That page has closed: it was saved")
    page.go_back()  # step one, as it was left
    expect(page.locator("h1")).to_have_text("Write down a thought")
    assert page.outside_requests == []


def test_pausing_before_sending_a_message(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/think/messages/new/")
    assert serious_axe_violations(page) == []
    page.fill("#id_draft", "You didn't text me all day - you're obviously pulling away!")
    page.click("button[value=check]")

    page.wait_for_selector("text=Why it tends to backfire")
    assert serious_axe_violations(page) == []
    # Only the draft's own words are filled in: what happened. The rest are the person's to write or pick.
    assert page.input_value("#id_situation") == "you didn't text me all day"
    assert page.input_value("#id_feeling") == page.input_value("#id_request") == ""
    # The message rebuilds itself from the four parts as the person edits them or picks an idea (JavaScript).
    page.fill("#id_feeling", "anxious")
    page.click("[data-ideas-for=id_their_side] button.idea >> text=you're probably busy")
    assert page.input_value("#id_their_side") == "you're probably busy"
    page.fill("#id_request", "could you send a quick text at lunch")
    message = (
        "I notice I'm feeling anxious when you didn't text me all day. I know you're probably busy. "
        "Would you be willing to send a quick text at lunch?"
    )
    assert page.input_value("#id_final_text") == message
    # The finished message goes to the clipboard in one tap.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("[data-copy=id_final_text]")
    expect(page.locator("[data-copy-status]")).to_have_text("Copied. Paste it wherever you write to them.")
    assert page.evaluate("navigator.clipboard.readText()") == message
    page.check("input[name=outcome][value=sent_rewritten]")
    page.click("button[value=save]")

    page.wait_for_selector("text=A message you paused on")
    assert page.locator("text=Would you be willing to send a quick text at lunch?").count() == 1
    assert page.is_checked("input[name=outcome][value=sent_rewritten]")
    assert serious_axe_violations(page) == []
    page.evaluate("navigator.clipboard.writeText('something else')")
    page.click("text=Copy the message")
    expect(page.locator("[data-copy-status]")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == message

    page.goto("/think/messages/new/")
    page.fill("#id_draft", "Hope the meeting went well! Takeaway tonight?")
    page.click("button[value=check]")
    page.wait_for_selector("text=This reads as clear and kind")
    assert page.outside_requests == []


def test_the_crisis_block_folds_to_one_line_and_stays(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto("/think/thoughts/new/")
    page.fill("#id_automatic_thought", "I want to kill myself tonight.")
    page.click("label[for=id_intensity_before_9]")
    page.click("button[value=check]")
    block = page.locator("[data-risk-block]")
    expect(block).to_be_visible()  # waits for the posted page, which has the same address
    expect(page.locator("text=Samaritans")).to_be_visible()
    assert serious_axe_violations(page) == []
    page.click("[data-risk-fold]")
    expect(page.locator("text=Samaritans")).not_to_be_visible()
    expect(block).to_be_visible()
    assert page.locator(".risk-block__summary").is_visible()


def test_without_javascript_the_message_is_there_to_select_and_no_dead_button_shows(browser, live_server, alice):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        sign_in(page, "alice", PASSWORD)
        page.goto("/think/messages/new/")
        page.fill("#id_draft", "You didn't text me all day - you're obviously pulling away!")
        page.click("button[value=check]")
        page.wait_for_selector("text=Why it tends to backfire")
        assert page.locator("[data-copy]").count() == 1
        expect(page.locator("[data-copy]")).to_be_hidden()
        # The ideas are there to read (and copy); without JavaScript they are text, not dead buttons.
        assert page.locator("[data-ideas-for=id_situation] li", has_text="I don't hear from you").count() == 1
        assert page.locator("button.idea").count() == 0
        assert page.input_value("#id_final_text") == "I notice I'm feeling this way when you didn't text me all day."
    finally:
        context.close()


def test_without_javascript_the_thought_record_rates_with_the_0_to_10_buttons(browser, live_server, alice):
    from earnedsecure.coach.models import ThoughtRecord

    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        sign_in(page, "alice", PASSWORD)
        page.goto("/think/thoughts/new/")
        page.fill("#id_automatic_thought", "They're pulling away from me.")
        page.click("button[value=check]")  # no rating yet
        expect(page.locator("#id_intensity_before_error")).to_have_text("Choose a number from 0 to 10.")
        assert page.input_value("#id_automatic_thought") == "They're pulling away from me."
        page.click("label[for=id_intensity_before_6]")
        assert page.is_checked("#id_intensity_before_6")
        page.click("button[value=check]")
        page.wait_for_selector("text=Look at the evidence")
        page.fill("#id_balanced_thought", "They're busy.")
        page.click("label[for=id_intensity_after_2]")
        page.click("button[value=save]")
        page.wait_for_selector("text=eased the feeling by 4 points")
        record = ThoughtRecord.objects.get()
        assert (record.intensity_before, record.intensity_after) == (6, 2)
    finally:
        context.close()
