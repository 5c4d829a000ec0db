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
* "Practice Self-Soothing" and "Provide Consistent Reassurance" motivate the reassurance-loop guard: after
  several reassurance requests in a day, a soothing tool comes before another request.

How detection works: weighted cue phrases per behaviour (:mod:`.phrases`) plus a few signals of form - runs of
question or exclamation marks, shouting in capitals, several short "are you there" lines, a whole message that
is only "k." or "fine". A behaviour is reported when the noisy-or of its cue weights reaches
:data:`BEHAVIOUR_THRESHOLD`. Phrases that make a request gentle ("no rush", "when you can") lower the scores
of excessive contact and testing by :data:`SOFTENER_DISCOUNT`. Tuned only on ``data/tuning.jsonl``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .phrases import Cue, Hit, PhraseBook, merge_evidence, noisy_or
from .text import FoldedText, fold
from .vocabulary import MACROS

BEHAVIOUR_THRESHOLD = 0.5
SOFTENER_DISCOUNT = 0.35


@dataclass(frozen=True)
class ProtestInfo:
    """A protest behaviour: its plain name, why it tends to backfire, and the need it usually carries."""

    name: str
    label: str
    why_it_backfires: str
    underlying_need: str
    likely_feeling: str


PROTEST_BEHAVIOURS: dict[str, ProtestInfo] = {
    info.name: info
    for info in (
        ProtestInfo(
            "testing",
            "Testing the relationship",
            "Accusations and 'you always / you never' put your partner on trial instead of telling them what "
            "you need; they tend to defend themselves or back off, and any reassurance you win feels forced.",
            "to feel connected and sure of where you stand",
            "insecure",
        ),
        ProtestInfo(
            "threats",
            "Threatening to leave",
            "Threats you don't mean teach your partner that the relationship is always on the line; they "
            "breed resentment and can bring about the ending you fear.",
            "to know that you matter enough to be fought for",
            "insecure",
        ),
        ProtestInfo(
            "excessive_contact",
            "Excessive contact",
            "A stream of calls and texts while someone is unavailable tends to feel smothering, so they pull "
            "further away; and when a reply does come it rewards the pattern and makes it a habit.",
            "to know they are there",
            "anxious",
        ),
        ProtestInfo(
            "jealousy_induction",
            "Trying to make them jealous",
            "Stirring jealousy may get a quick reaction, but it wears down trust and turns closeness into a "
            "contest, while the real need stays unspoken.",
            "to feel that you are enough for them",
            "insecure",
        ),
        ProtestInfo(
            "withdrawal",
            "Withdrawing affection",
            "Going cold to see whether they will chase you punishes you both; a partner who misses the signal "
            "may simply give you the distance, which seems to confirm the fear.",
            "to be noticed and missed",
            "hurt",
        ),
        ProtestInfo(
            "exaggerated_emotion",
            "Dramatic displays of feeling",
            "Showing distress at full volume can bring comfort once, but repeated drama wears a partner out "
            "and drowns the one thing you need to say.",
            "comfort and attention right now",
            "overwhelmed",
        ),
    )
}

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
    "threats": [
        ("break+up|breakup|split+up|broken+up|breaking+up", 0.7),
        ("end+this|end+it|end+things|ending+things|end+us|end+the+relationship|ending+this", 0.65),
        (
            "over+between+us|we're+over|were+over|we+are+over|it's+over|its+over|it+is+over|"
            "relationship+over|relationship+is+over|this+is+over|we're+through|were+through|we+are+through|"
            "we're+done|were+done|we+are+done|we're+finished|were+finished|we+are+finished|im+done|i'm+done|"
            "i+am+done|i'm+out|im+out|i'm+leaving|im+leaving|i+am+leaving|leaving+you|leave+you|i'm+gone|"
            "im+gone|i'll+be+gone|ill+be+gone",
            0.75,
        ),
        ("consider+this|consider+us|consider+it ..1 over|done|finished", 0.8),
        ("last+chance|last+warning|final+warning|final+chance", 0.75),
        ("you'll+regret|youll+regret|you+will+regret|going+to+regret|gonna+regret", 0.75),
        ("lose+me|going+to+lose+me|gonna+lose+me|you'll+lose+me", 0.75),
        ("find+someone|find+somebody ..1 else|who|that|new", 0.7),
        ("block+you|blocking+you|blocking+your|block+your", 0.7),
        ("move+out|moving+out|packing+my|pack+my", 0.6),
        ("take+a+break|taking+a+break|a+permanent+one|permanent+break", 0.6),
        ("not+working|isnt+working|isn't+working|is+not+working|doesnt+work|doesn't+work", 0.6),
        ("cant+do+this|can't+do+this|can't+keep+doing|cant+keep+doing|cannot+do+this", 0.55),
        ("see+what+happens|or+else|you've+been+warned|youve+been+warned", 0.6),
        (
            "dont+bother+coming|don't+bother+coming|dont+expect+me|don't+expect+me|dont+be+surprised|"
            "don't+be+surprised",
            0.7,
        ),
        (
            "won't+be+around|wont+be+around|not+be+here|wont+be+here|won't+be+here|not+here+when|"
            "wont+be+waiting|won't+be+waiting",
            0.6,
        ),
        ("moved+on|move+on+without", 0.5),
        ("one+more ..1 time|excuse|chance|mistake|lie", 0.55),
        ("and+i'm+out|and+im+out|and+i'm+gone|and+im+gone|and+we're+done|and+were+done", 0.75),
        ("if ..8 we're|were|we+are|it's|its|i'm|im ..1 over|through|done|finished|gone|leaving|out", 0.7),
        (
            "we+should+end|we+should+just+end|should+end+it|lets+end+it|let's+end+it|let's+just+end|"
            "lets+just+end|should+just+break",
            0.8,
        ),
        ("we+should ..1 break|split|stop+seeing", 0.7),
        ("maybe ..3 end+it|break+up|leave|move+out|go+my+own+way", 0.55),
        ("^ it's+over|its+over|we're+through|were+through|we're+done|were+done|i'm+done|im+done <b>", 0.7),
        ("forget+it ..1 we're|were|we+are", 0.7),
        ("or+we're|or+were|or+we+are|or+i'm|or+im|or+i+leave|or+it's|or+its ..1 through|over|done|leaving|gone", 0.7),
        ("i'll+find|ill+find|i+will+find|go+find|maybe+i+should+find", 0.55),
        # Threatening self-harm to make a partner stay is a threat too (and raises crisis risk in risk.py).
        (
            "if ..1 you|u ..6 i'll|ill|i+will|im+going+to|i'm+going+to|gonna ..2 kill|hurt|end|do+something|die|"
            "disappear",
            0.75,
        ),
        ("seriously+thinking+about|thinking+about ..1 ending|leaving|breaking", 0.6),
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
    "jealousy_induction": [
        (
            "my+ex|my+old+flame|an+ex|my+former ..3 texted|messaged|called|says|said|asked|invited|wants|would|"
            "always|still|looked|thinks|dm|dmd|liked|wrote|misses|knew",
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
            "buying+me+drinks|bought+me+a+drink|bought+me+drinks|checking+me+out|checked+me+out|"
            "looking+at+me|cant+stop+looking|can't+stop+looking|complimented+me|sent+me+flowers|"
            "said+i+looked|says+i+look|gave+me+his+number|gave+me+her+number|asked+for+my",
            0.7,
        ),
        (
            "thinks|thought|said|says ..1 i'm|im|i+am|i+was|i+look|i+looked ..2 cute|funny|hot|pretty|gorgeous|"
            "beautiful|amazing|sweet|sexy|attractive|stunning|fun|interesting|cool",
            0.6,
        ),
        (
            "at+least+someone|at+least+somebody|someone+actually|somebody+actually|someone+else ..2 appreciates|"
            "notices|cares|wants|appreciate|likes|pays",
            0.8,
        ),
        ("at+least+someone|at+least+somebody", 0.7),
        ("other+guys|other+girls|other+men|other+women|lots+of+guys|lots+of+girls|lots+of+people", 0.65),
        ("plenty+of|lots+of|loads+of ..1 people|guys|girls|men|women|fish|others|admirers", 0.65),
        (
            "would+kill+to|would+love+to+date|would+love+to+take|would+be+happy+to|would+jump+at|"
            "would+love+to+be+with|would+treat+me",
            0.55,
        ),
        ("i+have+a+date|i've+got+a+date|got+a+date|going+on+a+date|have+a+date", 0.65),
        (
            "go+out+with|going+out+with|out+with|drinks+with|dinner+with|date+with ..1 _ ..1 tonight|he's|hes|"
            "she's|shes|his|her|brother|friend",
            0.45,
        ),
        (
            "maybe+i'll|maybe+ill|maybe+i+should|maybe+i+will|i+might ..3 go+out|text+my+ex|date|reply+to|"
            "see+someone|say+yes|go+for+drinks|answer+him|answer+her|text+him|text+her",
            0.65,
        ),
        ("he's|hes|she's|shes ..1 so ..1 sweet|fun|funny|hot|cute|charming|attentive|nice+to+me|much+fun", 0.4),
        (
            "coworker|colleague|the+new+guy|the+new+girl|a+guy|this+guy|a+girl|this+girl|some+guy|some+girl|"
            "someone|somebody|a+man|a+woman ..4 asked|flirt|brought|buying|bought|looking|laughs|thinks|"
            "complimented|sent|said|keeps|can't+stop|cant+stop|wants|invited",
            0.55,
        ),
        ("just+so+you+know|just+saying|thought+you+should+know|fyi", 0.35),
        (
            "if+you're+not+interested|if+youre+not+interested|since+you're+busy|since+youre+busy|"
            "since+you+don't|since+you+dont|unlike+you",
            0.45,
        ),
        ("ex ..3 would+never|never+would|always+knew|always+made|would+have", 0.55),
        ("don't+wait+up|dont+wait+up", 0.4),
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
            "leave+me+alone|dont+talk+to+me|don't+talk+to+me|dont+text+me|don't+text+me|dont+call|don't+call|"
            "do+not+call|do+not+text|stop+texting+me|stop+calling+me",
            0.7,
        ),
        ("dont+bother|don't+bother ..1 calling|texting|me|coming|replying", 0.65),
        (
            "not+talking+to+you|not+going+to+talk|don't+want+to+talk|dont+want+to+talk|not+speaking+to+you|"
            "not+replying|won't+reply|wont+reply|won't+be+replying|wont+be+replying|not+going+to+reply|"
            "i'm+done+talking|im+done+talking|done+talking",
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
        ("i'll+be+sleeping|sleeping+at|staying+at ..4 don't+call|dont+call|don't+text|dont+text", 0.5),
        ("whatever <b>", 0.5),
        ("whatever <,>", 0.5),
        ("to+you+especially|especially+you|especially+not+you", 0.5),
        ("not+replying+to+you|replying+to+you+for", 0.7),
        ("going+to+ignore|gonna+ignore", 0.7),
    ],
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
            "torture|torturing+me|tearing+me+apart|ripping+me+apart|dying+inside|going+insane|"
            "losing+my+shit",
            0.7,
        ),
        (
            "destroying+me|destroying+my|killing+me+with|you're+killing+me|youre+killing+me|you+are+killing+me|"
            "this+is+killing+me",
            0.7,
        ),
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
        ("because+of+you|thanks+to+you", 0.3),
        ("literally", 0.3),
        ("furious|livid|fuming|raging|beside+myself|inconsolable|unbearable|agony", 0.55),
        ("no+idea+how+much|no+idea+how", 0.45),
        ("pure ..1 torture|hell|agony|misery", 0.6),
        ("on+the+floor|into+my+pillow|on+the+bathroom", 0.35),
        ("feel+like ..2 going+to ..1 explode|scream|break|die|collapse", 0.55),
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
    ("exaggerated_emotion", "killing+me ..2 today|this+week|work|traffic"),
    ("exaggerated_emotion", "crying+laughing|cried+laughing|tears+of+joy|happy+tears|crying+at+the+film"),
    ("exaggerated_emotion", "work|traffic|heat|it|this+traffic|this+heat|work+is ..1 is+killing+me|killing+me"),
    ("testing", "you+always+make+me+smile|you+always+know|you+never+fail+to"),
    ("testing", "ignoring+me+haha|not+ignoring"),
    ("threats", "break+up+the|end+of+the|over+the+weekend|not+working+today|working+late|not+working+from"),
    ("threats", "take+a+break+from+work|take+a+break+at|taking+a+break+at"),
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
    def info(self) -> ProtestInfo:
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


def read_draft(folded: FoldedText) -> tuple[tuple[BehaviourFinding, ...], bool]:
    """One scan of a draft: its protest behaviours and whether it asks for reassurance."""
    hits: list[Hit] = _BOOK.scan(folded)
    signals = _form_signals(folded.original)
    softened = any(h.cue.label == "softener" for h in hits)
    weights: dict[str, dict[str, float]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        if h.cue.label in PROTEST_BEHAVIOURS:
            weights.setdefault(h.cue.label, {})[h.cue.pattern] = h.cue.weight
            spans.setdefault(h.cue.label, []).append((h.start, h.end))
    for s in signals:
        weights.setdefault(s.label, {})[s.key] = s.weight
        spans.setdefault(s.label, []).append((s.start, s.end))
    findings: list[BehaviourFinding] = []
    for name, by_cue in weights.items():
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
    return tuple(findings), any(h.cue.label == "reassurance" for h in hits)


def is_reassurance_request(text: str) -> bool:
    """Whether a draft asks for reassurance ("do you still love me", "are we ok", "are you mad at me")."""
    return any(h.cue.label == "reassurance" for h in _BOOK.scan(fold(text)))
