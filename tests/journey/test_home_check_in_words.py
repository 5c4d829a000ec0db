"""Home names the next check-in by what it asks about, as the check-in list does (issue 13: plain language)."""


def test_it_names_the_next_check_in_in_everyday_words(alice_client):
    page = alice_client.get("/home/").content.decode()
    assert "How you feel in close relationships: ready whenever suits you." in page
    assert "Start this check-in" in page
    assert "The ECR-R is ready" not in page
