"""Word groups shared by the cue lists (expanded with ``$NAME`` in a cue, see :mod:`.phrases`)."""

from __future__ import annotations

MACROS: dict[str, str] = {
    "I_AM": "im|i+am|i+m|iam",
    "YOU": "you|u|ya|yu",
    "YOU_ARE": "youre|you+are|ur|u+r|u+are|your",
    # Who else is in the thought: partners, family, work, friends, "people".
    "SUBJ3": (
        "he|she|they|hes|shes|theyre|everyone|everybody|people|partner|boyfriend|girlfriend|husband|wife|"
        "boss|manager|friends|friend|mum|mom|dad|sister|brother|colleague|coworker|family|parents|bf|gf|"
        "him|her|them|ex"
    ),
    # Someone in a close relationship with the person (violence from a partner).
    "PARTNER": (
        "he|she|they|my+partner|my+boyfriend|my+girlfriend|my+husband|my+wife|my+bf|my+gf|my+fiance|"
        "my+fiancee|my+ex|my+spouse|partner|boyfriend|girlfriend|husband|wife|ex|bf|gf|fiance"
    ),
    "WANT": "want|wanna|wana|want+to|wnat|wnt|wan|want+2|wanted|wanting",
    "NEG": (
        "not|never|dont|do+not|didnt|did+not|doesnt|wont|wouldnt|cant|cannot|isnt|arent|wasnt|no|nt|havent|"
        "hasnt|nobody|no+one|noone|neither|nor"
    ),
    "SELF": "myself|my+self|myslef|mysef|myslf|meself|mysefl|mself",
}
