"""The site frame: home and sign-in pages (a baseline for every other page)."""


def run(harness):
    harness.page("home page (visitor)", "/", target="< 60 ms")
    harness.page("sign-in page", "/accounts/login/")
