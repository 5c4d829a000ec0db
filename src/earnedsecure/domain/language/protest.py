"""Protest behaviours in a message drafted to a partner, and reassurance requests.

Source: the mission report (``anxious-attachment-report.txt``):

* "Protest Behaviors: The Visible Manifestation" lists the behaviours detected here: testing the relationship
  (picking fights, provocative accusations such as "You didn't text me all day - you're obviously pulling
  away!"), making threats, exaggerated emotional responses, excessive contact attempts, jealousy induction and
  withdrawal of affection.
* "Why Protest Behaviors Backfire" gives the reasons summarised in each ``why_it_backfires``: attention won
  this way leaves the need unmet, drama erodes the relationship, partners feel manipulated or smothered and
  pull away, and each "success" makes the habit stronger.
* "For Partners ... Understand Protest Behaviors" gives the need underneath each behaviour (excessive texting:
  "I'm scared and need to know you're there"; picking fights: needing to feel connected; jealousy: fear of not
  being enough), used here to prefill the feeling in the direct rewrite.

The behaviours themselves (key, label, explanation, why it backfires, the need under it) are the cycle's
vocabulary, written once in ``domain/cycle``; this module detects them.
* "Practice Self-Soothing" and "Provide Consistent Reassurance" motivate the reassurance-loop guard: after
  several reassurance requests in a day, a soothing tool comes before another request.

How detection works: weighted cue phrases per behaviour (:mod:`.phrases`) plus a few signals of form - runs of
question or exclamation marks, shouting in capitals, several short "are you there" lines, a whole message that
is only "k." or "fine". A behaviour is reported when the noisy-or of its cue weights reaches
:data:`BEHAVIOUR_THRESHOLD`. Phrases that make a request gentle ("no rush", "when you can") lower the scores
of excessive contact and testing by :data:`SOFTENER_DISCOUNT`. Tuned only on ``data/tuning.jsonl``. The app
combines these rule findings with the learned layer (:mod:`.language_model`, in :mod:`.analysis`), which also
finds monitoring (checking up on a partner), a behaviour the rules have no cues for; the stance and the
readings below (:attr:`DraftStance.ruled_out`) bind the learned layer too.

What is *not* a protest (clinical-safety review of the coach; risk-and-abuse reference, sections 2.3 and 3 on
separation): a protest is a bid for closeness made indirectly. A calm decision to leave, a request for no
contact or space, plain disclosure of distress, asking for help, honest openness and a time-out with a way
back are not bids of that kind, and coaching them "toward contact" can keep a person tied to a partner they
are trying to leave. So the draft's *stance* is read first (:class:`DraftStance`, :func:`read_message`): an
ending counts as "threatening to leave" only when it is leverage (a conditional, an ultimatum, a bid for a
reaction); distress only when it is used as blame or pressure; mentioning someone else's interest only with
a sign of intent to provoke. Cue groups that are not behaviours themselves (``leaving``, ``no_contact``,
``enforcement``, ``reaction``, ``openness``, ``help``, ``time_out``, ...) carry these readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..cycle import PROTEST_BEHAVIOURS as CYCLE_PROTESTS
from ..cycle import ProtestBehaviour
from .language_model import NO_SINGLE_PHRASE
from .phrases import Cue, Hit, PhraseBook, merge_evidence, noisy_or
from .text import FoldedText, fold
from .vocabulary import MACROS

BEHAVIOUR_THRESHOLD = 0.5
SOFTENER_DISCOUNT = 0.35


# The behaviours detected here, by key. What each one is, why it backfires and the need under it are the
# cycle's vocabulary (domain/cycle), shared with the diary.
PROTEST_BEHAVIOURS: dict[str, ProtestBehaviour] = {behaviour.key: behaviour for behaviour in CYCLE_PROTESTS}

_CUES: dict[str, list[tuple[str, float]]] = {
    "testing": [
        ("$YOU|youre|you're|you've|youve ..1 always|never|constantly|obviously|clearly", 0.65),
        (
            "obviously|clearly|apparently ..3 not|dont|don't|pulling|care|priority|bored|want|love|important|"
            "rather|matter|dont+care|doesnt",
            0.65,
        ),
        (
            "not+a+priority|not+important+to+you|not+important|dont+matter|don't+matter|how+much+i+matter|"
            "where+i+stand|where+i+rank|i+see+how+it+is|must+be+nice|nice+to+know|nice+of+you|glad+to+see|"
            "glad+to+know|thanks+for+nothing|thanks+for+forgetting|really+shows|says+a+lot|says+it+all|"
            "funny+how|interesting+that|interesting+how|so+now+you|finally+reply|finally+replied|"
            "finally+answer|finally+decided|good+to+know|i+see+how+it|shows+how+much",
            0.7,
        ),
        ("if ..1 $YOU ..1 really|loved|cared|wanted|actually ..8 would|youd|wouldnt|would've|make|have", 0.8),
        ("prove ..2 love|care|it|that|me", 0.75),
        (
            "who+were+you|who+are+you+with|who+was+that|who+is+she|who+is+he|what+are+you+hiding|"
            "are+you+cheating|cheating+on+me|you're+hiding|youre+hiding|who+were+you+talking",
            0.7,
        ),
        ("you'd+rather|youd+rather|you+would+rather|rather+be+with|rather+be+anywhere", 0.7),
        ("why+do+you+even|why+are+you+even|why+bother|why+are+you+with+me|why+are+you+even+with+me|why+even+be", 0.75),
        (
            "$YOU ..2 dont+care|don't+care|don't+even+care|dont+even+care|doesnt+care|don't+love|dont+love|"
            "dont+want+to+be+with|don't+want+to+be+with|pulling+away|bored+of+me|tired+of+me|only+text|"
            "only+call|when+you+want+something|dont+even|don't+even|never+say|never+ask",
            0.7,
        ),
        ("youre|you're|you+are|ur ..1 pulling+away|bored|losing+interest|done+with+me|ignoring", 0.65),
        ("admit+it|just+admit|admit ..3 you", 0.65),
        ("dont+pretend|don't+pretend|dont+act+like|don't+act+like|stop+pretending|dont+lie|don't+lie|stop+lying", 0.7),
        (
            "answer+everyone|everyone+else+but+me|for+everyone+except+me|except+me|but+not+me|but+not+to+reply|"
            "but+cant+answer|but+can't+answer|but+not+for+me|but+never+for+me|without+me",
            0.6,
        ),
        ("online|active|posted|post ..6 but|and+not|not+reply|not+to+reply|cant+answer|can't+answer|cool", 0.55),
        ("saw+you+were+online|saw+you+online|you+were+online|you're+online|youre+online", 0.6),
        ("^ wow|wow+ok|wow+okay|oh+ok|oh+okay|ok+then|okay+then|cool+cool", 0.45),
        ("noted <b>", 0.4),
        ("go+ahead ..3 tell+me|tell+me+again", 0.6),
        (
            "i+guess+i'm+not|i+guess+im+not|i+guess+i+know|i+guess+i+don't|i+guess+i+dont|guess+i'm+not|guess+im+not",
            0.7,
        ),
        ("unlike+you|funny+how+you+never|you+never+say", 0.55),
        ("not+you ..1 obviously", 0.55),
        (
            "$YOU didnt|didn't|never|havent|haven't|couldnt|couldn't ..3 text|call|reply|answer|ask|say|tell|"
            "bother|remember|notice",
            0.5,
        ),
        ("what+am+i+to+you|do+i+even+matter|am+i+even|do+i+mean+anything", 0.7),
        ("so+now|oh+so+now|now+you+reply|now+you+answer|now+you+text", 0.6),
        ("thanks+for+forgetting|forgetting+our|forgot+our|you+forgot", 0.55),
        ("dont+bother+pretending|whatever+you+say|of+course+you+did|of+course+you+are|sure+you+were", 0.6),
        ("stop+texting+first|see+if+you+even|see+if+you+notice|see+if+you+care|see+how+you+like", 0.6),
        ("$YOU always+do+this|do+this+every+time|always+do+this", 0.6),
        ("can't+believe+you|cant+believe+you", 0.45),
        (
            "other+guys|other+girls|other+people|my+ex ..4 text+back|actually|would+never|never+would|"
            "would+have|always",
            0.5,
        ),
        ("are+you+happy+now|happy+now|are+you+proud|hope+you're+happy|hope+youre+happy", 0.6),
        ("find+someone+else+to", 0.5),
        ("you ..2 having+fun|out+having|out+partying", 0.5),
        ("ignoring+me", 0.45),
    ],
    # Threatening to leave is a threat used as leverage: the ending is made to hang on what the partner does
    # (a conditional or an ultimatum) or is aimed at a reaction. A plain decision to leave is not here: its
    # words are the "leaving" cues below, and they only count toward a threat beside leverage.
    "threats": [
        (
            "if|unless ..8 we're|were|we+are|it's|its|i'm|im|i+am|i'll+be|ill+be ..1 over|through|done|finished|"
            "gone|leaving|out",
            0.7,
        ),
        (
            "if|unless ..8 i'll|ill|i+will|i'm+going+to|im+going+to|gonna|i+swear ..2 leave|end+it|end+things|"
            "break+up|block|move+out|walk+out|walk+away",
            0.7,
        ),
        ("if|unless ..8 let's|lets|we+should|we+may+as+well|we+might+as+well ..1 just? ..0 end|break|split|call", 0.75),
        ("leave+you|leaving+you|block+you|end+it|end+this|break+up|move+out ..6 if|unless", 0.7),
        ("or ..1 we're|were|we+are|i'm|im|i+leave|it's|its ..1 through|over|done|leaving|gone|out", 0.7),
        ("or+i'll|or+ill|or+i+will ..1 leave|go|block|end", 0.7),
        ("or+i+leave|or+i'm+leaving|or+im+leaving|or+i'm+gone|or+im+gone", 0.7),
        ("one+more ..1 time|excuse|chance|mistake|lie|word ..4 and", 0.75),
        (
            "and+i'm+out|and+im+out|and+i'm+gone|and+im+gone|and+we're+done|and+were+done|and+we're+over|and+were+over",
            0.6,
        ),
        ("last+chance|last+warning|final+warning|final+chance", 0.75),
        ("you'll+regret|youll+regret|you+will+regret|going+to+regret|gonna+regret", 0.75),
        ("lose+me|going+to+lose+me|gonna+lose+me|you'll+lose+me", 0.75),
        ("see+what+happens|or+else|you've+been+warned|youve+been+warned", 0.6),
        ("dont+be+surprised|don't+be+surprised|dont+expect+me|don't+expect+me", 0.7),
        (
            "won't+be+around+forever|wont+be+around+forever|not+be+around+forever|won't+wait+forever|"
            "wont+wait+forever|not+be+here+when|wont+be+here+when|won't+be+here+when|wont+be+waiting|"
            "won't+be+waiting",
            0.65,
        ),
        ("keep|carry+on|continue ..3 and ..2 see|you'll|youll|you're|youre|i'll|ill|i'm|im|we're|were", 0.7),
        ("maybe|perhaps ..3 just ..3 leave|end+it|break+up|split+up|go|move+out|block|find|call+it+quits", 0.7),
        (
            "leave|end+it|break+up|split+up|move+out|call+it+quits|block+you|done|over|someone+else|gone ..1 then <b>",
            0.65,
        ),
        ("find+someone|find+somebody ..1 else|who|that|new", 0.7),
        ("i'll+find|ill+find|i+will+find|go+find|maybe+i+should+find", 0.55),
        # Threatening self-harm to make a partner stay is a threat too (and raises crisis risk in risk.py).
        (
            "if ..1 you|u ..6 i'll|ill|i+will|im+going+to|i'm+going+to|gonna ..2 kill|hurt|end|do+something|die|"
            "disappear",
            0.75,
        ),
    ],
    # A decision to leave or end the relationship, said plainly. Respected: never a protest on its own.
    "leaving": [
        ("break+up|breakup|breaking+up|split+up|splitting+up|divorce|separate|separating|call+it+quits", 0.7),
        (
            "end|ending ..1 things|us|this+relationship|the+relationship|our+relationship|it+with+you|"
            "things+with+you|this+marriage|our+marriage|what+we+have",
            0.7,
        ),
        ("end|ending ..1 this|it <b>", 0.6),
        (
            "over+between+us|we're+over|were+over|we+are+over|relationship+is+over|relationship's+over|"
            "marriage+is+over|we're+through|were+through|we+are+through",
            0.75,
        ),
        (
            "it's+over|its+over|it+is+over|this+is+over|we're+done|were+done|we+are+done|we're+finished|"
            "we+are+finished|i'm+done|im+done|i+am+done|i'm+out|im+out|i'm+gone|im+gone|i'm+leaving|"
            "im+leaving|i+am+leaving <b>",
            0.7,
        ),
        ("i'm|im|i+am|we're|were|we+are ..1 done ..1 with ..1 you|us|this+relationship|the+relationship|him|her", 0.7),
        ("i'm|im|i+am|we're|were|we+are ..1 done ..1 with ..1 this <b>", 0.6),
        ("not+coming+back|never+coming+back|won't+be+coming+back|wont+be+coming+back|not+coming+home+again", 0.7),
        ("leaving|leave ..1 you|him|her|this+relationship|the+relationship|this+marriage", 0.7),
        ("moving|move ..1 out <b>", 0.6),
        ("packing|packed ..1 my ..1 things|stuff|belongings", 0.6),
        ("take|taking ..1 a ..1 break <b>", 0.55),
        ("a+permanent+one|permanent+break|time+apart", 0.6),
        (
            "this|it|its|us|we|relationship|things ..2 not+working|isnt+working|isn't+working|is+not+working|"
            "doesnt+work|doesn't+work|dont+work|don't+work|arent+working",
            0.6,
        ),
        ("cant|can't|cannot ..1 do+this|keep+doing+this|be+with+you ..1 anymore|any+more", 0.55),
        ("consider+this|consider+us|consider+it ..1 over|done|finished", 0.8),
        ("this+is+goodbye|goodbye+forever|saying+goodbye", 0.7),
        ("thinking+about|thinking+of|considering ..1 ending|leaving|breaking|splitting|divorce", 0.6),
    ],
    # A request for no contact or for space, or the means to enforce it (blocking, the police).
    "no_contact": [
        (
            "don't|dont|do+not|never|please+don't|please+dont ..0 contact|call|text|message|msg|ring|phone|email|"
            "dm|write+to|come+near|come+round|come+over|come+here|come+to|come+back|visit|talk+to|speak+to ..0 "
            "me|again|anymore|ever|tonight|today|this+number|here|to|my|near|home|round|over|anywhere|<,>|<b>",
            0.9,
        ),
        (
            "stop|quit ..0 calling|texting|messaging|contacting|ringing|emailing|following|harassing|bothering|"
            "stalking|turning+up|showing+up|coming+round|coming+over|writing|dming ..0 me|<b>|<,>|here|at|round",
            0.9,
        ),
        (
            "leave+me+alone|leave+me+be|let+me+be|stay+away|keep+away|back+off|go+away|get+out+of+my+life|"
            "out+of+my+life|lose+my+number|delete+my+number|forget+my+number|leave+us+alone",
            0.9,
        ),
        (
            "no+contact|no+more+contact|cut+contact|cutting+contact|cut+you+off|cutting+you+off|"
            "cut+off+contact|cutting+off+contact|cutting+ties|cut+ties",
            0.9,
        ),
        ("block|blocking|blocked ..0 you|your|ur|u|this+number|this+chat|him|her|them|his|their", 0.9),
        ("dont+try+to|don't+try+to|do+not+try+to ..0 find|contact|call|reach|text|see|message", 0.9),
        ("respect ..1 my|this ..0 decision|boundary|boundaries|space|choice|wishes", 0.9),
        (
            "don't|dont|do+not|never ..1 want ..2 talk+to+you|hear+from+you|see+you|speak+to+you|"
            "you+to+contact|you+to+call|you+to+text|you+near+me|you+here|you+in+my+life|contact",
            0.9,
        ),
        ("need|want|needs|asking+for|give+me ..2 space|some+space|distance|some+distance|time+apart", 0.8),
        ("dont+bother|don't+bother|do+not+bother ..1 calling|texting|replying|coming|messaging|contacting", 0.9),
    ],
    # Enforcing a boundary: a consequence for contact, approach or harm, not for a lack of attention.
    "enforcement": [
        (
            "if|unless ..1 you|u ..4 contact|call|text|message|msg|ring|come|turn|show|follow|touch|hit|hurt|"
            "threaten|push|grab|lay|email|write|dm|visit|go+near|turn+up|show+up ..4 again|ever|one+more+time",
            0.9,
        ),
        (
            "if|unless ..1 you|u ..1 ever ..3 contact|call|text|message|come|turn|show|follow|touch|hit|hurt|"
            "threaten|push|grab|lay",
            0.9,
        ),
        (
            "call|calling|ring|phone|get|getting|report|reporting|contact|tell ..1 the+police|the+cops|police|"
            "a+lawyer|my+lawyer|a+solicitor|my+solicitor|an+injunction|a+restraining|a+protection|"
            "a+non+molestation",
            0.9,
        ),
    ],
    # Signs that an ending or a silence is played to get a reaction: then it is leverage, not a decision.
    "reaction": [
        ("see+if+you ..1 even? ..0 notice|care|miss|come|chase|fight|react|bother|realise|realize", 0.9),
        (
            "see+how+you+like|is+that+what+you+want|are+you+happy+now|hope+you're+happy|hope+youre+happy|"
            "then+you'll+see|then+youll+see|maybe+then+you'll|maybe+then+youll|you'll+see <b>|youll+see <b>",
            0.9,
        ),
        ("you'll|youll|you+will|you're+going+to|youre+going+to|you're+gonna ..1 regret|be+sorry|miss+me|wish", 0.9),
    ],
    "excessive_contact": [
        (
            "answer|reply|respond|pick+up|text+me+back|call+me+back|ring+me|ring+me+back|get+back+to+me|"
            "answer+me|reply+to+me|respond+to+me <b>",
            0.55,
        ),
        ("^ answer|reply|respond|call|ring|pick+up|text|pick", 0.45),
        (
            "answer|reply|respond|call|ring|text|pick|come|get+back|respond|talk ..4 now|right+now|asap|"
            "immediately|the+second|as+soon+as|this+second|this+instant|straight+away",
            0.7,
        ),
        (
            "answer+me|answer+your+phone|answer+the+phone|pick+up+your+phone|pick+up+the+phone|"
            "pick+up+your|text+me+back|call+me+back|call+me+now|reply+to+me|answer+my",
            0.7,
        ),
        (
            "why+aren't+you|why+arent+you|why+are+you+not|why+won't+you|why+wont+you|why+haven't+you|"
            "why+havent+you|why+didn't+you|why+didnt+you|why+can't+you|why+cant+you ..1 answer|answering|"
            "replying|reply|respond|responding|pick|picking|texting|calling|call|text",
            0.75,
        ),
        ("why ..1 is ..1 your+phone|it ..1 off|going+to+voicemail|voicemail", 0.7),
        ("voicemail|phone+off|phone+is+off|phone+was+off", 0.5),
        ("ignoring+me|keep+ignoring|are+you+ignoring", 0.45),
        (
            "hello|helo|hey|hi|hellooo|yo|earth+to+you|anyone+there|you+there|are+you+there|u+there|r+u+there ..1 <?>",
            0.6,
        ),
        ("are+you+there|r+u+there|u+there|where+are+you|where+r+u|where+ru|you+alive|are+you+alive", 0.5),
        (
            "called|texted|messaged|rang|calling|texting|messaging|tried|sent ..3 # ..1 times|texts|messages|"
            "calls|msgs",
            0.8,
        ),
        ("missed+calls|missed+call|voicemails", 0.6),
        (
            "been+calling|been+texting|been+messaging|keep+calling|keep+texting|keep+messaging|still+calling|"
            "keep+trying|going+to+keep|gonna+keep|will+keep|ill+keep|i'll+keep",
            0.75,
        ),
        ("its+been|it's+been|been ..2 hours|hour|minutes|mins|hrs|days|an+hour|forever|ages", 0.6),
        (
            "outside+your|outside+ur|at+your+door|at+ur+door|at+your+work|at+your+office|at+your+place|"
            "at+your+flat|at+your+house|outside+the ..1 work|office|house|place|flat|door|bar|gym",
            0.8,
        ),
        (
            "im+outside|i'm+outside|i+am+outside|waiting+outside|wait+outside|waiting+at|wait+at|come+down|"
            "come+outside|let+me+in",
            0.7,
        ),
        (
            "coming+over+to|driving+over|driving+to+your|on+my+way+to+your|show+up+at|showing+up+at|"
            "turn+up+at|come+find+you|coming+to+find|come+to+your|coming+to+your|coming+over",
            0.6,
        ),
        ("until+you ..2 answer|pick|reply|talk|respond|call|text", 0.75),
        ("please ..1 please", 0.55),
        (
            "you+saw|you've+read|youve+read|you+read|read+my+messages|read+my+message|left+me+on+read|on+read|"
            "seen+my|saw+my+message|saw+my+messages",
            0.5,
        ),
        (
            "checking+again|again+if+you+got|the+one+before|and+the+one+before|did+you+get+my+last|"
            "did+you+get+my+messages|my+last+message|my+last+text",
            0.6,
        ),
        ("pick+up <b>|pick+up+pick+up", 0.6),
        ("call|ring|text|answer|reply ..1 me <.>|<!>", 0.45),
        ("why+is+it+going+to|going+straight+to", 0.55),
        ("i'm+coming|im+coming|i'm+driving|im+driving|i'll+come|ill+come ..1 over|round|to+you|there", 0.6),
        ("respond|reply <b>", 0.55),
    ],
    # Mentioning someone else's interest is not jealousy induction by itself: it may be honest openness. These
    # cues only count beside a sign of intent ("jealousy_intent", "jealousy_hint" below).
    "jealousy_induction": [
        (
            "my+ex|my+old+flame|an+ex|my+former ..3 texted|messaged|called|says|said|asked|invited|dm|dmd|liked|"
            "wrote|looked|contacted|reached",
            0.75,
        ),
        (
            "with+my+ex|text+my+ex|saw+my+ex|ran+into+my+ex|see+my+ex|drinks+with+my+ex|call+my+ex|"
            "message+my+ex|meet+my+ex|meeting+my+ex|reply+to+my+ex|just+saw+my+ex|with+an+ex",
            0.75,
        ),
        ("my+ex|my+old+flame", 0.5),
        (
            "asked+me+out|asked+for+my+number|got+asked+out|asked+me+on+a+date|hit+on|hitting+on|"
            "flirting+with+me|flirted+with+me|flirting|slide+into+my|slid+into+my|into+my+dms|my+dms|"
            "buying+me+drinks|bought+me+a+drink|bought+me+drinks|looking+at+me|complimented+me|sent+me+flowers|"
            "gave+me+his+number|gave+me+her+number|asked+for+my|invited+me",
            0.7,
        ),
        (
            "go+out+with|going+out+with|out+with|drinks+with|dinner+with|date+with ..1 _ ..1 tonight|he's|hes|"
            "she's|shes|his|her|brother|friend",
            0.45,
        ),
        (
            "coworker|colleague|the+new+guy|the+new+girl|a+guy|this+guy|a+girl|this+girl|some+guy|some+girl|"
            "someone|somebody|a+man|a+woman ..4 asked|flirt|brought|buying|bought|looking|laughs|complimented|"
            "sent|said|invited",
            0.55,
        ),
    ],
    # Intent to provoke: a comparison with the partner, others' interest held up as a lesson, or a hint of
    # acting on it. Honest openness ("I said no") does not cancel these.
    "jealousy_intent": [
        (
            "at+least+someone|at+least+somebody|someone+actually|somebody+actually|someone+else ..2 appreciates|"
            "notices|cares|wants|appreciate|likes|pays",
            0.8,
        ),
        ("at+least+someone|at+least+somebody", 0.7),
        ("at+least ..1 my+ex|my+old+flame|other+guys|other+girls|other+people|my+last", 0.7),
        ("other+guys|other+girls|other+men|other+women|lots+of+guys|lots+of+girls|lots+of+people", 0.65),
        ("plenty+of|lots+of|loads+of ..1 people|guys|girls|men|women|fish|others|admirers", 0.65),
        (
            "would+kill+to|would+love+to+date|would+love+to+take|would+be+happy+to|would+jump+at|"
            "would+love+to+be+with|would+treat+me",
            0.55,
        ),
        ("i+have+a+date|i've+got+a+date|got+a+date|going+on+a+date|have+a+date", 0.65),
        (
            "maybe+i'll|maybe+ill|maybe+i+should|maybe+i+will|i+might|we+might|might ..3 go+out|text+my+ex|date|"
            "reply+to|see+someone|say+yes|go+for+drinks|answer+him|answer+her|text+him|text+her|get+a+drink|"
            "meet+up|take+him+up|take+her+up",
            0.65,
        ),
        (
            "if+you're+not+interested|if+youre+not+interested|since+you're+busy|since+youre+busy|"
            "since+you+don't|since+you+dont|unlike+you",
            0.45,
        ),
        ("ex ..3 would+never|never+would|always+knew|always+made|would+have", 0.55),
    ],
    # Softer hints: dwelling on how wanted the person is, or a pointed tag. Honest openness cancels these.
    "jealousy_hint": [
        ("my+ex|my+old+flame|an+ex|my+former ..3 still|misses|always|would|knew|wants|thinks", 0.5),
        (
            "thinks|thought|said|says ..1 i'm|im|i+am|i+was|i+look|i+looked ..2 cute|funny|hot|pretty|gorgeous|"
            "beautiful|amazing|sweet|sexy|attractive|stunning|fun|interesting|cool",
            0.6,
        ),
        ("checking+me+out|checked+me+out|cant+stop+looking|can't+stop+looking|keeps+looking|kept+looking", 0.6),
        ("he's|hes|she's|shes ..1 so ..1 sweet|fun|funny|hot|cute|charming|attentive|nice+to+me|much+fun", 0.45),
        (
            "kept|keeps|keep ..1 buying|texting|messaging|calling|looking|flirting|asking|complimenting|trying|staring",
            0.45,
        ),
        ("asked+out|asked+me+out|hit+on ..2 twice|again|all+the+time|so+many|every+day", 0.5),
        ("asked+out|asked+me+out|hit+on ..2 # times", 0.5),
        ("flirting|flirted|staring|looking ..4 all+night|all+evening|all+day|the+whole", 0.45),
        (
            "coworker|colleague|someone|somebody|a+guy|a+girl|this+guy|this+girl ..4 keeps|can't+stop|cant+stop|wants",
            0.5,
        ),
        ("just+so+you+know|just+saying|thought+you+should+know|fyi", 0.35),
        ("don't+wait+up|dont+wait+up", 0.4),
    ],
    # Honest openness about someone else's interest: said no, told them, wanted the partner to know.
    "openness": [
        (
            "i+said+no|said+no|i+turned ..1 him|her|them|it ..0 down|turned+him+down|turned+her+down|"
            "i'm+not+interested|im+not+interested|not+interested+in+him|not+interested+in+her|i+blocked|"
            "didn't+reply|didnt+reply|didn't+answer|didnt+answer|ignored+him|ignored+her|ignored+it",
            0.9,
        ),
        (
            "told ..1 him|her|them ..2 i'm|im|i+am|i+have|i've|ive ..1 taken|with+someone|in+a+relationship|"
            "seeing+someone|married|engaged|a+boyfriend|a+girlfriend|a+partner|not+interested",
            0.9,
        ),
        (
            "wanted+you+to+know|want+you+to+know|want+to+be+open|want+to+be+honest|want+to+be+upfront|"
            "being+open|being+honest|being+upfront|no+secrets|nothing+to+worry+about|hear+it+from+me|"
            "didn't+want+to+hide|didnt+want+to+hide|rather+tell+you|rather+you+knew|tell+you+everything",
            0.9,
        ),
    ],
    "withdrawal": [
        (
            "^ k|fine|whatever|nvm|nevermind|never+mind|forget+it|forget+about+it|doesnt+matter|"
            "doesn't+matter|it+doesnt+matter|it+doesn't+matter|fine+whatever|whatever+fine|ok+fine|fine+then|"
            "sure+whatever|if+you+say+so|suit+yourself|whatever+you+say|k+then|kk+then|fine+by+me $",
            0.8,
        ),
        ("^ ok|okay|sure|cool|wow|right|great|noted <.> $", 0.6),
        ("^ fine|whatever|ok|okay|k <.>|<,>? whatever|fine $", 0.8),
        (
            "not+talking+to+you|not+going+to+talk|not+speaking+to+you|not+replying|won't+reply|wont+reply|"
            "won't+be+replying|wont+be+replying|not+going+to+reply|i'm+done+talking|im+done+talking|done+talking",
            0.7,
        ),
        (
            "going+silent|go+silent|silent+treatment|go+quiet|going+quiet|ignore+you|ignoring+you|"
            "switching+my+phone+off|turning+my+phone+off|switch+my+phone+off|turn+my+phone+off|phone+off",
            0.65,
        ),
        (
            "won't+be|wont+be|not+going+to+be|not+gonna|won't|wont ..1 saying|texting|calling|say|answering ..2 "
            "goodnight|good+night|it+back|i+love+you|back|you",
            0.65,
        ),
        (
            "not+going+to+say+it+back|not+saying+it+back|won't+say+it+back|wont+say+it+back|"
            "not+saying+goodnight|not+say+it+back",
            0.75,
        ),
        (
            "no ..1 goodnight|good+night|hugs|hug|kisses|kiss|cuddles|cuddle|love ..3 from+me|tonight|for+you|sorry",
            0.65,
        ),
        ("i'm+fine|im+fine|i+am+fine", 0.45),
        (
            "nothing's+wrong|nothings+wrong|nothing+is+wrong|nothing+wrong|it's+nothing|its+nothing|it's+fine|its+fine",
            0.6,
        ),
        (
            "i+don't+care+anymore|i+dont+care+anymore|i+don't+care|i+dont+care|dont+care+what+you|"
            "do+what+you+want|do+whatever+you|do+what+you+like|whatever+you+want|doesn't+matter+to+me|"
            "doesnt+matter+to+me|go+do+whatever|go+do+what",
            0.7,
        ),
        ("not+in+the+mood", 0.55),
        (
            "see+if+you+even+notice|see+if+you+notice|like+you+ignore+me|figure+it+out|forget+i+said|"
            "forget+i+asked|don't+worry+about+it|dont+worry+about+it|doesnt+matter|doesn't+matter",
            0.55,
        ),
        ("whatever <b>", 0.5),
        ("whatever <,>", 0.5),
        ("to+you+especially|especially+you|especially+not+you", 0.5),
        ("not+replying+to+you|replying+to+you+for", 0.7),
        ("going+to+ignore|gonna+ignore", 0.7),
    ],
    # A time-out with a way back ("I need an hour, I'll call you at 8") is not withdrawal.
    "time_out": [
        (
            "i'll|ill|i+will|i+can|let's|lets|we+can|can+we|we'll|i'm+going+to|im+going+to ..2 call|ring|text|"
            "talk|speak|message|chat|catch+up|reconnect|phone|facetime|see+you|pick+this+up|come+back ..4 at|in|"
            "tomorrow|tonight|later|after|when|this+evening|this+afternoon|once|soon|on|by",
            0.9,
        ),
        ("back ..1 in|at|by|tomorrow|later|after|soon|once|tonight", 0.9),
        ("talk|speak|chat|call ..1 tomorrow|later|tonight|in+the+morning|soon|after", 0.9),
    ],
    # How strong the feeling is. Intensity alone is honest disclosure; it only counts beside pressure.
    "exaggerated_emotion": [
        ("shaking|trembling|shaking+like", 0.55),
        (
            "crying|cried|sobbing|sobbed|bawling|weeping|in+tears ..2 hours|all+night|all+day|so+hard|"
            "my+eyes+out|nonstop|non+stop|since",
            0.7,
        ),
        ("sobbing|sobbed|bawling|hysterical|hysterically|can't+stop+crying|cant+stop+crying|cannot+stop+crying", 0.7),
        ("crying|in+tears", 0.45),
        (
            "meltdown|breakdown|falling+apart|fall+apart|losing+my+mind|losing+it|lost+it|going+crazy|"
            "go+crazy|freaking+out|freak+out|panic+attack|panicking|can't+breathe|cant+breathe|"
            "can't+function|cant+function|cannot+function|shattered|heartbroken|devastated|destroyed|"
            "torture|dying+inside|going+insane|losing+my+shit",
            0.7,
        ),
        ("this+is+killing+me", 0.6),
        ("wreck|a+mess|total+mess|absolute+mess|in+pieces|million+pieces|into+pieces", 0.6),
        ("heart ..3 broken|shattered|breaking|ripped|pieces|broke", 0.7),
        ("screaming|screamed|scream|yelling|howling", 0.6),
        ("explode|exploding|going+to+explode|gonna+explode|lose+my+mind|lose+it", 0.6),
        (
            "worst+pain|so+much+pain|the+pain+i'm|the+pain+im|pain+i'm+in|pain+im+in|how+much+pain|"
            "how+much+it+hurts|how+much+you+hurt",
            0.6,
        ),
        (
            "so|too|completely|totally ..1 upset|angry|hurt|mad|sad|furious|distraught|devastated ..1 i+can't|"
            "i+cant|that+i+can't|that+i+cant|i+cannot",
            0.65,
        ),
        ("can't+believe|cant+believe", 0.35),
        ("literally", 0.3),
        ("furious|livid|fuming|raging|beside+myself|inconsolable|unbearable|agony", 0.55),
        ("no+idea+how+much|no+idea+how", 0.45),
        ("pure ..1 torture|hell|agony|misery", 0.6),
        ("on+the+floor|into+my+pillow|on+the+bathroom", 0.35),
        ("feel+like ..2 going+to ..1 explode|scream|break|die|collapse", 0.55),
    ],
    # Distress used as blame or pressure: what makes a display of feeling a protest.
    "emotion_pressure": [
        ("because+of+you|thanks+to+you|your+fault|all+because+you|cause+of+you|cos+of+you|coz+of+you", 0.45),
        ("look ..1 what ..1 you've|youve|you+have|you|u ..1 done|did|do|made", 0.75),
        (
            "what+you've+done|what+youve+done|what+you+did|what+you+have+done|what+you're+doing|"
            "what+youre+doing|doing+this|did+this ..0 to+me",
            0.7,
        ),
        (
            "destroying+me|destroying+my|killing+me+with|you're+killing+me|youre+killing+me|you+are+killing+me|"
            "tearing+me+apart|ripping+me+apart|torturing+me|breaking+my+heart",
            0.7,
        ),
        (
            "$YOU ..2 dont+even+care|don't+even+care|dont+care|don't+care|couldnt+care+less|"
            "couldn't+care+less|dont+even+notice|don't+even+notice",
            0.45,
        ),
        ("can't+believe+you|cant+believe+you|how+could+you", 0.45),
        ("$YOU ..1 made|make|makes|making ..1 me ..2 cry|feel|like|this|sick|shake|panic|so", 0.45),
        ("hope+you're+happy|hope+youre+happy|are+you+happy+now|you+should+see+me|hope+you+feel", 0.6),
    ],
    # Asking for help, and acute distress disclosed beside it: a bid for support, not a protest.
    "help": [
        (
            "can|could|would|will ..1 you|u ..2 call|ring|phone|facetime|come|talk|stay|help|sit|video|hold|"
            "check|text|be+with",
            0.9,
        ),
        (
            "i+need+you|i+need+help|need+some+help|need+to+hear+your+voice|help+me|need+someone|need+a+hug|"
            "need+you+here|need+your+help|need+support",
            0.9,
        ),
        ("can+we|could+we ..2 talk|speak|chat|call|facetime", 0.9),
        ("i'd|id|i+would|would ..1 love|like ..3 talk|call|chat|hug|see+you|company|hear", 0.9),
    ],
    "distress": [
        (
            "panic+attack|panicking|having+a+panic|can't+breathe|cant+breathe|shaking|trembling|scared|terrified|"
            "frightened|crying|in+tears|sobbing|anxious|overwhelmed|falling+apart|struggling|not+ok|not+okay|"
            "spiralling|spiraling|dissociating|freaking+out|a+mess|really+low|so+low|feel+awful|feeling+awful|"
            "bad+night|bad+day|upset",
            0.9,
        ),
    ],
    "softener": [
        (
            "no+rush|no+pressure|whenever+you|when+you+have+a+moment|when+you+can|when+you're+free|"
            "when+youre+free|take+your+time|no+need+to+reply|if+you+remember|if+you+get+a+chance|no+worries|"
            "when+you+get+a+moment|when+you+get+a+chance|when+you+have+a+minute|if+you+can|no+hurry",
            1.0,
        ),
    ],
}

_VETOES: list[tuple[str, str]] = [
    ("excessive_contact", "pick+up ..2 bread|milk|kids|groceries|food|some|the+kids|a|the+keys|parcel|package"),
    ("excessive_contact", "text+me|call+me|ring+me ..1 when|if|after|later|tomorrow|tonight|on+your"),
    ("excessive_contact", "call+you|text+you|ring+you ..1 when|later|from|after|tomorrow|tonight|back"),
    ("excessive_contact", "let+me+know|coming+over+at|come+over+at|coming+over+later|come+over+later"),
    ("excessive_contact", "switching|turning|switch|turn|turned|switched|putting|put ..1 my+phone+off|my+phone"),
    (
        "excessive_contact",
        "not|dont|don't|cant|can't|cannot|unable|too ..3 to? talk|call|text|answer ..1 right+now|now",
    ),
    ("exaggerated_emotion", "killing+me ..2 today|this+week|work|traffic"),
    ("exaggerated_emotion", "crying+laughing|cried+laughing|tears+of+joy|happy+tears|crying+at+the+film"),
    ("exaggerated_emotion", "work|traffic|heat|it|this+traffic|this+heat|work+is ..1 is+killing+me|killing+me"),
    ("testing", "you+always+make+me+smile|you+always+know|you+never+fail+to"),
    ("testing", "ignoring+me+haha|not+ignoring"),
    ("threats", "break+up+the|end+of+the|over+the+weekend|not+working+today|working+late|not+working+from"),
    ("threats", "take+a+break+from+work|take+a+break+at|taking+a+break+at"),
    ("leaving", "break+up+the|end+of+the|over+the+weekend|not+working+today|working+late|not+working+from"),
    ("leaving", "take+a+break+from+work|take+a+break+at|taking+a+break+at|take+a+break+from+the"),
    # Not a decision: negated, the partner's move, a question or a fear ("are you leaving me?", "I'd never
    # leave you", "I'm scared we'll break up").
    (
        "leaving",
        "not|never|wont|won't|wouldn't|wouldnt|dont|don't|didn't|didnt|no|cant|can't ..3 leave|leaving|break|end|split|over|done|divorce|separate",
    ),
    (
        "leaving",
        "$YOU|he|she|they|do+you|are+you|will+you ..3 leave|leaving|break|end|split|done|divorce|over|separate",
    ),
    (
        "leaving",
        "scared|afraid|worried|worry|fear|terrified|what+if|if+we|when+we ..4 leave|leaving|break|end|split|over|done|divorce|separate",
    ),
    (
        "leaving",
        "leave|leaving ..0 you ..0 a|an|some|the|to|alone|with|in|at|for|be|my|your|dinner|food|money|breakfast|keys|hanging|out|behind",
    ),
    # Not a request for no contact: someone else's, a question, or a negated one ("you never stop calling me").
    (
        "no_contact",
        "$YOU|he|she|they|it|if|unless|why|ppl|people|and+you|did+you|do+you ..2 dont|don't|do+not|didnt|didn't|never|doesnt|doesn't|stop|stopped|quit|block|blocked|blocking|want|need|needs",
    ),
    ("no_contact", "why ..3 stop|block|blocked|blocking|space"),
    (
        "no_contact",
        "$YOU|he|she|they|it never|always|wont|won't|didnt|didn't|cant|can't|couldnt|couldn't stop|quit|block",
    ),
    ("no_contact", "dont|don't|do+not ..0 stop"),
    ("withdrawal", "no+rush|no+worries|no+problem|no+need"),
    ("withdrawal", "i'm+fine+thanks|im+fine+thanks|i'm+fine+now|im+fine+now"),
    ("jealousy_induction", "out+with+your|out+with+the+boys|out+with+the+girls|out+with+friends"),
]

_REASSURANCE = [
    "do+you+still ..1 love|want|like|care|miss|find|fancy",
    "u+still|you+still ..1 love+me|want+me|like+me|care|into+me",
    "are|r ..1 we ..1 ok|okay|good|alright|fine|still+ok|still+good|still+okay",
    "we+ok|we+okay|we+good ..1 <?>",
    "are+you|r+u|r+you|you ..1 mad|angry|upset|annoyed|cross|pissed|disappointed|bored|tired ..2 at+me|with+me|of+me",
    "are+you+mad|are+you+angry|are+you+upset|you+mad|u+mad",
    "do+you+love+me|do+you+even+love|you+love+me <?>|love+me+still",
    "did+i+do+something|have+i+done+something|did+i+upset|have+i+upset|did+i+say+something",
    "is+everything+ok|is+everything+okay|is+everything+alright|is+something+wrong|is+anything+wrong",
    "you're+not+leaving|youre+not+leaving|you+won't+leave|you+wont+leave|promise+you+won't|promise+you+wont|promise+me",
    "tell+me+you+love|tell+me+we're|tell+me+were|tell+me+it's|tell+me+its|please+tell+me|are+you+sure+you",
    "am+i+too+much|am+i+annoying|am+i+enough|am+i+good+enough|do+you+regret|are+you+happy+with+me",
    "still+into+me|still+attracted|still+want+to+be+with|still+want+me|still+like+me",
    "are+you+going+to+leave|will+you+leave|are+you+leaving+me|do+you+want+to+break",
    "do+you+miss+me|do+you+think+about+me|do+you+care+about+me|you+do+care",
]


def _build_book() -> PhraseBook:
    cues = [Cue(name, pattern, weight) for name, patterns in _CUES.items() for pattern, weight in patterns]
    cues += [Cue(name, pattern, 1.0, veto=True) for name, pattern in _VETOES]
    cues += [Cue("reassurance", pattern, 1.0) for pattern in _REASSURANCE]
    return PhraseBook(cues, MACROS)


_BOOK = _build_book()

# Signals of form, matched on the original text (all linear: a literal first character, no nested ambiguity).
_QUESTION_RUN = re.compile(r"\?{2,}")
_EXCLAMATION_RUN = re.compile(r"!{3,}")
_CAPITALS_RUN = re.compile(r"[A-Z][A-Z']*(?:[ \t,]+[A-Z][A-Z']*)*")


@dataclass(frozen=True)
class _Signal:
    label: str
    weight: float
    start: int
    end: int
    key: str


@dataclass(frozen=True)
class BehaviourFinding:
    """One protest behaviour in a draft, with the words that show it and their spans."""

    name: str
    confidence: float
    evidence: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def info(self) -> ProtestBehaviour:
        return PROTEST_BEHAVIOURS[self.name]

    def to_dict(self) -> dict[str, Any]:
        info = self.info
        return {
            "name": self.name,
            "evidence": list(self.evidence),
            "spans": [list(span) for span in self.spans],
            "confidence": self.confidence,
            "label": info.label,
            "why_it_backfires": info.why_it_backfires,
            "evidence_note": None if self.evidence else NO_SINGLE_PHRASE,
        }


def _form_signals(text: str) -> list[_Signal]:
    signals: list[_Signal] = []
    for m in _QUESTION_RUN.finditer(text):
        weight = 0.55 if m.end() - m.start() >= 3 else 0.4
        signals.append(_Signal("excessive_contact", weight, m.start(), m.end(), "??"))
    for m in _EXCLAMATION_RUN.finditer(text):
        signals.append(_Signal("exaggerated_emotion", 0.45, m.start(), m.end(), "!!!"))
    for m in _CAPITALS_RUN.finditer(text):
        letters = sum(c.isalpha() for c in m.group())
        words = len(m.group().replace(",", " ").split())
        if letters >= 10 and words >= 3:
            signals.append(_Signal("exaggerated_emotion", 0.65, m.start(), m.end(), "CAPS"))
    # Several short lines in one draft read like a string of pings ("hey", "hello?", "are you there").
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            offset = position + line.index(stripped[0])
            lines.append((offset, offset + len(stripped)))
        position += len(line) + 1
    short = [(s, e) for s, e in lines if len(text[s:e].split()) <= 3]
    if len(lines) >= 3 and len(short) >= 3:
        signals.append(_Signal("excessive_contact", 0.65, short[0][0], short[-1][1], "lines"))
    return signals


def detect_behaviours(folded: FoldedText) -> tuple[BehaviourFinding, ...]:
    """Protest behaviours at or above :data:`BEHAVIOUR_THRESHOLD`, strongest first (maybe none)."""
    return read_draft(folded)[0]


@dataclass(frozen=True)
class DraftStance:
    """What a draft does with the relationship itself, read before any protest is looked for.

    ``kind`` is ``"boundary"`` (a request for no contact or space, or its enforcement), ``"leaving"`` (a
    decision to end the relationship), ``"leverage"`` (an ending or a silence used to get a reaction) or
    ``"none"``. A boundary or a leaving draft is respected: no protest behaviour, no rewrite toward contact.
    ``evidence`` and ``spans`` are the words behind the stance, in the person's own text.
    """

    kind: str
    evidence: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    # Behaviours the draft's readings rule out unless their own cues are there: asking for help beside
    # disclosed distress is not excessive contact or a dramatic display, a time-out with a way back is not
    # withdrawal, honest openness is not jealousy induction. The learned layer may not add these.
    ruled_out: frozenset[str] = frozenset()

    @property
    def respected(self) -> bool:
        return self.kind in ("boundary", "leaving")


# Cue groups that add to a behaviour's score, under the conditions in :func:`read_message`.
_FEEDS = {
    "leaving": "threats",
    "jealousy_intent": "jealousy_induction",
    "jealousy_hint": "jealousy_induction",
    "emotion_pressure": "exaggerated_emotion",
}


def _stance(kind: str, hits: list[Hit], folded: FoldedText) -> DraftStance:
    merged = merge_evidence(((h.start, h.end) for h in hits), folded.original)
    return DraftStance(kind, tuple(e for e, _ in merged), tuple(span for _, span in merged))


def read_message(folded: FoldedText) -> tuple[tuple[BehaviourFinding, ...], bool, DraftStance]:
    """One scan of a draft: its protest behaviours, whether it asks for reassurance, and its stance.

    The constructs, in order (clinical-safety review; mission report, "Protest Behaviors"):

    1. **Leverage** is an ending or a silence used to move the partner: a conditional or an ultimatum
       ("if you don't ..., I'm leaving", "one more excuse and I'm out", "maybe I should just leave then") or
       a bid for a reaction ("see if you even notice", "you'll regret it"). A consequence for *contact, approach
       or harm* ("if you contact me again I'll block you", "I'll call the police") enforces a boundary instead.
    2. **A boundary** (no contact, space, blocking) or **a decision to leave** without leverage is respected:
       no behaviours, no reassurance flag (so no nudge to soothe first and reconsider), hence no rewrite.
       A leaving statement beside a demand for an answer now is not a calm decision and is read as a threat.
    3. **Distress** is a protest only when used as blame or pressure ("because of you", "look what you've done",
       shouting in capitals); plain disclosure and asking for help ("I'm having a panic attack, can you call
       me?") are not, and a help request beside disclosed distress is not excessive contact either.
    4. **Jealousy induction** needs a sign of intent (a comparison, a hint of acting on it, dwelling on being
       wanted); a bare mention of someone's interest is not, and honest openness ("I said no, I wanted you to
       know") cancels the softer hints.
    5. **Withdrawal** with a way back ("I need an hour, I'll call you at 8") is a time-out, not a protest.
    """
    hits: list[Hit] = _BOOK.scan(folded)
    by_label: dict[str, list[Hit]] = {}
    for h in hits:
        by_label.setdefault(h.cue.label, []).append(h)
    signals = _form_signals(folded.original)
    softened = "softener" in by_label
    reassurance = "reassurance" in by_label

    def score(labels: tuple[str, ...], extra: list[_Signal] | None = None) -> float:
        weights = {h.cue.pattern: h.cue.weight for label in labels for h in by_label.get(label, ())}
        weights.update({s.key: s.weight for s in extra or ()})
        return noisy_or(weights.values())

    help_asked = "help" in by_label and "distress" in by_label and "emotion_pressure" not in by_label
    contact_signals = [s for s in signals if s.label == "excessive_contact"]
    contact_demand = (
        not help_asked
        and score(("excessive_contact",), contact_signals) - (SOFTENER_DISCOUNT if softened else 0.0)
        >= BEHAVIOUR_THRESHOLD
    )
    enforcing = "enforcement" in by_label
    leverage = "reaction" in by_label or (score(("threats",)) >= BEHAVIOUR_THRESHOLD and not enforcing)
    if leverage:
        stance = _stance("leverage", by_label.get("reaction", []) + by_label.get("threats", []), folded)
    elif "no_contact" in by_label or enforcing:
        return (), False, _stance("boundary", by_label.get("no_contact", []) + by_label.get("enforcement", []), folded)
    elif "leaving" in by_label and not contact_demand:
        return (), False, _stance("leaving", by_label["leaving"], folded)
    else:
        stance = DraftStance("none")

    fed: set[str] = {"leaving", "jealousy_intent", "emotion_pressure"}
    if "openness" not in by_label:
        fed.add("jealousy_hint")
    weights: dict[str, dict[str, float]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        name = h.cue.label if h.cue.label in PROTEST_BEHAVIOURS else _FEEDS.get(h.cue.label, "")
        if name and (name == h.cue.label or h.cue.label in fed):
            weights.setdefault(name, {})[h.cue.pattern] = h.cue.weight
            spans.setdefault(name, []).append((h.start, h.end))
    for s in signals:
        weights.setdefault(s.label, {})[s.key] = s.weight
        spans.setdefault(s.label, []).append((s.start, s.end))
    pressure = "emotion_pressure" in by_label or (
        any(s.key == "CAPS" for s in signals) and not ("help" in by_label and "distress" in by_label)
    )
    shown = {
        "jealousy_induction": "jealousy_intent" in by_label or ("jealousy_hint" in fed and "jealousy_hint" in by_label),
        "exaggerated_emotion": pressure,
        "excessive_contact": not help_asked,
        "withdrawal": "time_out" not in by_label,
    }
    findings: list[BehaviourFinding] = []
    for name, by_cue in weights.items():
        if not shown.get(name, True):
            continue
        confidence = noisy_or(by_cue.values())
        if softened and name in ("excessive_contact", "testing"):
            confidence -= SOFTENER_DISCOUNT
        confidence = round(max(0.0, min(0.95, confidence)), 2)
        if confidence < BEHAVIOUR_THRESHOLD:
            continue
        merged = merge_evidence(spans[name], folded.original)
        findings.append(
            BehaviourFinding(name, confidence, tuple(e for e, _ in merged), tuple(span for _, span in merged))
        )
    order = list(PROTEST_BEHAVIOURS)
    findings.sort(key=lambda f: (-f.confidence, order.index(f.name)))
    ruled_out: set[str] = set()
    if help_asked:
        ruled_out |= {"excessive_contact", "exaggerated_emotion"}
    if "time_out" in by_label:
        ruled_out.add("withdrawal")
    if "openness" in by_label:
        ruled_out.add("jealousy_induction")
    return tuple(findings), reassurance, replace(stance, ruled_out=frozenset(ruled_out))


def read_draft(folded: FoldedText) -> tuple[tuple[BehaviourFinding, ...], bool]:
    """One scan of a draft: its protest behaviours and whether it asks for reassurance (see :func:`read_message`)."""
    findings, reassurance, _ = read_message(folded)
    return findings, reassurance


def read_stance(folded: FoldedText) -> DraftStance:
    """Whether a draft sets a boundary, ends the relationship, uses an ending as leverage, or none of these."""
    return read_message(folded)[2]


def is_reassurance_request(text: str) -> bool:
    """Whether a draft asks for reassurance ("do you still love me", "are we ok", "are you mad at me")."""
    return any(h.cue.label == "reassurance" for h in _BOOK.scan(fold(text)))
