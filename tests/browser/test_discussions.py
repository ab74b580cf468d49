"""The discussion board in a browser: a member starts a thread, another replies mentioning her,
she is told by e-mail and sees the reply as new; a third member flags it and the secretariat
hides it from the queue. Every board page passes axe, on a desktop and on a phone."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from discussions.models import Flag, FlagOutcome, Post, Subscription, Thread
from tests.accounts.factories import SecretariatFactory, UserFactory
from tests.conftest import assert_accessible, sign_in
from tests.discussions.factories import BoardFactory, reply, start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _context(chromium, live_server, user):
    """Another person's browser, signed in."""
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    context.portal_base_url = live_server.url
    sign_in(context, user)
    return context


@pytest.fixture
def board():
    return BoardFactory(name="Housing and the right to the city", slug="housing")


def test_a_reply_mentions_is_flagged_and_hidden_by_the_secretariat(
    chromium, live_server, browser_context, board
):
    ana = UserFactory(name="Ana Garcia", email="ana@example.org")
    ben = UserFactory(name="Ben Okafor", email="ben@example.org")
    chloe = UserFactory(name="Chloé Martin", email="chloe@example.org")
    secretariat = SecretariatFactory(name="Sam Secretariat")

    # Ana starts a thread through the New thread form.
    sign_in(browser_context, ana)
    page_a = browser_context.new_page()
    page_a.goto("/discussions/housing/")
    page_a.get_by_role("link", name="New thread").click()
    page_a.wait_for_url("**/discussions/housing/new/")
    assert_accessible(page_a, screenshot="discussions-new-thread")
    page_a.get_by_label("Title").fill("Welcoming refugees in social housing")
    page_a.get_by_label("Message").fill("How do your cities find *homes* for newcomers?")
    page_a.get_by_role("button", name="Start the thread").click()
    page_a.wait_for_url("**/discussions/threads/*/")
    expect(page_a.locator(".messages")).to_contain_text("Your thread is started.")
    thread = Thread.objects.get(title="Welcoming refugees in social housing")
    assert thread.author == ana and thread.board == board
    expect(page_a.locator("#post-1 .post-body")).to_have_text(
        "How do your cities find homes for newcomers?"
    )

    # Ben opens it in his own browser and replies, mentioning Ana.
    mail.outbox.clear()
    context_b = _context(chromium, live_server, ben)
    try:
        page_b = context_b.new_page()
        page_b.goto("/discussions/housing/")
        page_b.get_by_role("link", name="Welcoming refugees in social housing").click()
        page_b.wait_for_url(f"**/discussions/threads/{thread.pk}/")
        page_b.get_by_label("Message").fill("@ana-garcia In Utrecht the city rents flats itself.")
        page_b.get_by_role("button", name="Post the reply").click()
        page_b.wait_for_url(f"**/discussions/threads/{thread.pk}/**#post-2")
        expect(page_b.locator(".messages")).to_contain_text("Your reply is posted.")
    finally:
        context_b.close()
    ben_post = Post.objects.get(thread=thread, number=2)
    assert ben_post.author == ben

    # The mention e-mail (an eager task, sent once the reply is committed).
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    mention = mail.outbox[0]
    assert mention.subject == "Ben Okafor mentioned you in “Welcoming refugees in social housing”"
    assert "In Utrecht the city rents flats itself." in mention.body
    assert f"/discussions/threads/{thread.pk}/#post-2" in mention.body

    # Ana opens the thread again: Ben's reply is new, with a link to it.
    page_a.goto(thread.get_absolute_url())
    expect(page_a.locator("#post-2 .badge-new")).to_have_text("New since your last visit")
    expect(page_a.locator("#post-1 .badge-new")).to_have_count(0)
    first_unread = page_a.get_by_role("link", name="Go to the first unread post (#2)")
    expect(first_unread).to_have_attribute("href", f"/discussions/threads/{thread.pk}/#post-2")
    assert_accessible(page_a, screenshot="discussions-thread-new-reply")
    # Seen now: the next visit has nothing new.
    page_a.reload()
    expect(page_a.locator(".badge-new")).to_have_count(0)
    expect(page_a.locator(".first-unread")).to_have_count(0)

    # Chloé flags Ben's post through the flag form.
    context_c = _context(chromium, live_server, chloe)
    try:
        page_c = context_c.new_page()
        page_c.goto(thread.get_absolute_url())
        page_c.locator("#post-2").get_by_role("link", name="Flag post 2").click()
        page_c.wait_for_url(f"**/discussions/posts/{ben_post.pk}/flag/")
        expect(page_c.locator(".flagged-post")).to_contain_text("In Utrecht the city rents")
        assert_accessible(page_c, screenshot="discussions-flag")
        page_c.get_by_label("Offensive or abusive").check()
        page_c.get_by_label("Note for the moderators").fill("It names a family living there.")
        page_c.get_by_role("button", name="Send to the moderators").click()
        page_c.wait_for_url(f"**/discussions/threads/{thread.pk}/**#post-2")
        expect(page_c.locator(".messages")).to_contain_text(
            "Thank you. The moderators will look at this post soon."
        )
        flag = Flag.objects.get(post=ben_post)
        assert (flag.flagged_by, flag.reason, flag.outcome) == (chloe, "offensive", "pending")
        # One flag does not hide a post.
        expect(page_c.locator("#post-2 .post-body")).to_contain_text("In Utrecht")

        # The secretariat agrees with the flag from the queue.
        context_s = _context(chromium, live_server, secretariat)
        try:
            page_s = context_s.new_page()
            page_s.goto("/discussions/moderation/")
            expect(page_s.get_by_role("heading", level=2).first).to_have_text(
                "1 flagged post waits for review"
            )
            flagged = page_s.locator(f"#flagged-{ben_post.pk}")
            expect(flagged).to_contain_text("Offensive or abusive")
            expect(flagged).to_contain_text("It names a family living there.")
            assert_accessible(page_s, screenshot="discussions-moderation-queue")
            flagged.get_by_label("Reason (optional; shown with a hidden post)").fill(
                "Private data about a family."
            )
            flagged.get_by_role("button", name="Agree (hide)").click()
            page_s.wait_for_url("**/discussions/moderation/")
            expect(page_s.locator(".messages")).to_contain_text("Flag agreed: the post is hidden.")
            expect(page_s.get_by_text("No flag is waiting for review.")).to_be_visible()
            expect(page_s.locator("#log")).to_contain_text("Private data about a family.")
            assert_accessible(page_s, screenshot="discussions-moderation-queue-after")
        finally:
            context_s.close()
        ben_post.refresh_from_db()
        assert ben_post.is_hidden and ben_post.hidden_by == secretariat
        assert Flag.objects.get(pk=flag.pk).outcome == FlagOutcome.AGREED

        # Chloé reloads the thread: the notice and its reason, not the text.
        page_c.reload()
        hidden = page_c.locator("#post-2")
        expect(hidden.locator(".post-hidden-note")).to_have_text(
            "Hidden by a moderator: Private data about a family."
        )
        expect(hidden).not_to_contain_text("In Utrecht")
        expect(hidden.get_by_role("link", name="Flag post 2")).to_have_count(0)
        expect(hidden.get_by_role("link", name="Quote post 2")).to_have_count(0)
        expect(page_c.locator(".thread-meta")).to_contain_text("1 post")
    finally:
        context_c.close()

    # So does Ana.
    page_a.reload()
    expect(page_a.locator("#post-2 .post-hidden-note")).to_have_text(
        "Hidden by a moderator: Private data about a family."
    )
    expect(page_a.locator("#post-2")).not_to_contain_text("In Utrecht")


@pytest.fixture
def busy_thread(board):
    """A thread of three posts on the board; the third hidden by a moderator."""
    ana = UserFactory(name="Ana Garcia")
    ben = UserFactory(name="Ben Okafor")
    thread = start_thread(
        board, by=ana, title="Welcoming refugees in social housing",
        body="How do your cities find **homes** for newcomers?\n\n> A quote\n\n- one\n- two",
    )  # fmt: skip
    reply(thread, by=ben, body="@ana-garcia In Utrecht the city rents flats itself.")
    hidden = reply(thread, by=ben, body="The family at number 12 ...")
    from discussions import services

    services.post_hide(post=hidden, by=SecretariatFactory(), reason="Private data about a family.")
    start_thread(board, by=ben, title="Participatory budgets", body="Who has one?")
    BoardFactory(name="Culture and the city", slug="culture", description="")
    return thread


def test_board_pages_pass_axe_for_visitors_and_members(browser_context, busy_thread):
    page = browser_context.new_page()
    page.goto("/discussions/")
    assert page.get_by_role("heading", level=1).inner_text() == "Discussions"
    expect(page.locator("#main").get_by_role("link", name="Sign in")).to_have_attribute(
        "href", "/accounts/login/?next=/discussions/"
    )
    expect(page.get_by_text("Welcoming refugees")).to_have_count(0)
    assert_accessible(page, screenshot="discussions-join")
    # The board's address is nobody's business but the members'.
    assert page.goto("/discussions/housing/").status == 404

    reader = UserFactory(name="Chloé Martin")
    sign_in(browser_context, reader)
    page.goto("/discussions/")
    expect(page.locator(".board-item h2")).to_have_text(
        ["Culture and the city", "Housing and the right to the city"]
    )
    assert_accessible(page, screenshot="discussions-boards")

    page.get_by_role("link", name="Housing and the right to the city").click()
    page.wait_for_url("**/discussions/housing/")
    expect(page.locator(".thread-item h3 a")).to_have_count(2)
    expect(page.get_by_role("link", name="2 new posts")).to_be_visible()
    assert_accessible(page, screenshot="discussions-board")

    page.get_by_role("link", name="Welcoming refugees in social housing").click()
    page.wait_for_url(f"**/discussions/threads/{busy_thread.pk}/")
    expect(page.locator("#post-3 .post-hidden-note")).to_have_text(
        "Hidden by a moderator: Private data about a family."
    )
    expect(page.locator("#post-3")).not_to_contain_text("number 12")
    assert_accessible(page, screenshot="discussions-thread")

    # The notifications form: its button shows on the white page (axe does not flag white on
    # white), and saves.
    notifications = page.locator(".thread-header .notification-form")
    save = notifications.get_by_role("button", name="Save")
    assert save.evaluate("b => getComputedStyle(b).color") != "rgb(255, 255, 255)"
    notifications.get_by_label("Notifications for this thread").select_option(
        "Watching: every new post"
    )
    save.click()
    expect(page.locator(".messages")).to_contain_text(
        "Your notifications for this thread are saved."
    )
    assert Subscription.objects.get(user=reader, thread=busy_thread).level == "watching"

    # Quote a post: the reply form starts with it quoted.
    page.get_by_role("link", name="Quote post 2").click()
    page.wait_for_url("**?quote=2#reply")
    expect(page.get_by_label("Message")).to_have_value(
        "@ben-okafor wrote:\n> @ana-garcia In Utrecht the city rents flats itself.\n\n"
    )
    assert_accessible(page, screenshot="discussions-thread-quote")

    # An empty reply is refused with the form's error summary (the form is novalidate).
    page.get_by_label("Message").fill("")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.locator(".error-summary")).to_contain_text("Write a message.")
    assert_accessible(page, screenshot="discussions-thread-reply-error")

    # Her own new post can be edited.
    page.get_by_label("Message").fill("Lyon works with housing associations.")
    page.get_by_role("button", name="Post the reply").click()
    page.wait_for_url("**#post-4")
    page.locator("#post-4").get_by_role("link", name="Edit post 4").click()
    page.wait_for_url("**/discussions/posts/*/edit/")
    expect(page.get_by_label("Message")).to_have_value("Lyon works with housing associations.")
    assert_accessible(page, screenshot="discussions-edit")
    page.get_by_label("Message").fill("Lyon works with two housing associations.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**#post-4")
    expect(page.locator("#post-4 .post-body")).to_have_text(
        "Lyon works with two housing associations."
    )
    expect(page.locator("#post-4 .post-edited")).to_be_visible()


def test_moderation_pages_pass_axe_for_the_secretariat(browser_context, busy_thread):
    from discussions import services

    flagged = Post.objects.get(thread=busy_thread, number=2)
    services.flag_create(post=flagged, by=UserFactory(), reason="off_topic", note="Not housing.")
    services.thread_pin(thread=busy_thread, by=SecretariatFactory(), reason="A good start.")
    sign_in(browser_context, SecretariatFactory(name="Sam Secretariat"))
    page = browser_context.new_page()

    page.goto(busy_thread.get_absolute_url())
    # Moderators read a hidden post's text, with the way to show it again.
    expect(page.locator("#post-3")).to_contain_text("The family at number 12")
    expect(page.locator("#post-3").get_by_role("button", name="Show again post 3")).to_be_visible()
    assert_accessible(page, screenshot="discussions-thread-staff")

    page.locator("#post-1").get_by_role("link", name="Hide post 1").click()
    page.wait_for_url("**/discussions/posts/*/hide/")
    assert_accessible(page, screenshot="discussions-hide-post")
    page.get_by_label("Why is it hidden?").fill("Test of the hide form.")
    page.get_by_role("button", name="Hide the post").click()
    page.wait_for_url(f"**/discussions/threads/{busy_thread.pk}/**#post-1")
    expect(page.locator(".messages")).to_contain_text("The post is hidden.")
    expect(page.locator("#post-1 .post-hidden-note")).to_have_text(
        "Hidden by a moderator: Test of the hide form."
    )

    page.goto("/discussions/moderation/")
    expect(page.locator(f"#flagged-{flagged.pk}")).to_contain_text("Not housing.")
    assert_accessible(page, screenshot="discussions-moderation")

    page.goto(f"/discussions/threads/{busy_thread.pk}/moderate/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Moderate “Welcoming refugees in social housing”"
    )
    expect(page.locator("table")).to_contain_text("A good start.")
    assert_accessible(page, screenshot="discussions-moderate-thread")
    page.get_by_label("Action").select_option("lock")
    page.get_by_label("Reason").fill("The discussion is over.")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(f"**/discussions/threads/{busy_thread.pk}/")
    expect(page.locator(".messages")).to_contain_text(
        "The thread is locked: it takes no more replies."
    )
    expect(page.locator(".thread-meta .badge-locked")).to_have_text("Locked")
    assert_accessible(page, screenshot="discussions-thread-locked-staff")


def test_a_thread_works_on_a_phone(phone_page, busy_thread):
    sign_in(phone_page.context, UserFactory(name="Chloé Martin"))
    phone_page.goto(f"{busy_thread.get_absolute_url()}?quote=1#reply")
    expect(phone_page.locator("#post-3 .post-hidden-note")).to_be_visible()
    expect(phone_page.get_by_label("Message")).to_have_value(
        "@ana-garcia wrote:\n> How do your cities find **homes** for newcomers?\n>\n> > A quote"
        "\n>\n> - one\n> - two\n\n"
    )
    # Nothing wider than the screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone_page, screenshot="discussions-thread-phone")
    phone_page.goto("/discussions/housing/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    save = phone_page.locator(".notification-form").get_by_role("button", name="Save")
    assert save.evaluate("b => getComputedStyle(b).color") != "rgb(255, 255, 255)"
    assert_accessible(phone_page, screenshot="discussions-board-phone")
