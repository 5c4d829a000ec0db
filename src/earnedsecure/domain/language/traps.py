"""Thinking traps (cognitive distortions) in a written thought.

Sources, for the facts only:

* Beck, A. T. (1976). *Cognitive Therapy and the Emotional Disorders* — automatic thoughts and systematic
  errors such as arbitrary inference, overgeneralization, magnification and personalization.
* Burns, D. D. (1980). *Feeling Good: The New Mood Therapy* — the ten cognitive distortions this list follows:
  all-or-nothing thinking, overgeneralization, mental filter, disqualifying the positive, jumping to
  conclusions (mind reading, fortune telling), magnification (catastrophizing), emotional reasoning, should
  statements, labeling and personalization (blame is treated there as the outward side of personalization).
* Leahy, R. L. & Holland, S. J. (2000). *Treatment Plans and Interventions for Depression and Anxiety
  Disorders* — a later clinical list that names *blaming* and *unfair comparisons* as traps of their own.
* Mission report (``anxious-attachment-report.txt``), "Challenge Catastrophic Thoughts": notice the thought,
  ask what evidence supports and contradicts it, reframe, and reality-check against what happened before.
  The questions below follow that shape.

How detection works: each trap has weighted cue phrases (:mod:`.phrases`). A trap's confidence is the
noisy-or of the weights of the distinct cues that matched, capped below certainty, because a rule engine can
only *suggest*: the person confirms. :func:`detect_traps` gives the rules' own answer (the top
:data:`MAX_TRAPS` traps at or above :data:`MIN_CONFIDENCE`, best first; an empty list is a valid answer); the
app combines the rules' confidences with the learned layer (:mod:`.language_model`, in :mod:`.analysis`),
which ranks all twelve. Cues were written and weighted against the project's own tuning set
(``data/tuning.jsonl``) only.

Before any trap is tagged, the speaker is assigned (:func:`attribute`): cues inside someone else's reported
words, a description of someone else's act toward the person, or self-blame for someone else's anger or
violence are not the person's thinking traps (risk-and-abuse reference, section 4; Harkema et al., 2009).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .language_model import NO_SINGLE_PHRASE
from .phrases import Cue, Hit, PhraseBook, merge_evidence, noisy_or
from .text import FoldedText, Token, fold_phrase_word
from .vocabulary import MACROS

MIN_CONFIDENCE = 0.3
MAX_TRAPS = 3
MAX_CONFIDENCE = 0.95


@dataclass(frozen=True)
class TrapInfo:
    """What a trap is, in plain words, and the question that helps test it."""

    name: str
    label: str
    explanation: str
    question: str


TRAPS: dict[str, TrapInfo] = {
    info.name: info
    for info in (
        TrapInfo(
            "all_or_nothing",
            "All-or-nothing thinking",
            "Seeing only two boxes - perfect or ruined, all or nothing - with no middle ground.",
            "Is there a middle ground where this is partly OK and partly not?",
        ),
        TrapInfo(
            "overgeneralizing",
            "Overgeneralizing",
            "Treating one event as a pattern that never ends, with words like always, never, everyone.",
            "Is it really always or never? Can I recall one time it went differently?",
        ),
        TrapInfo(
            "labeling",
            "Labeling",
            "Summing up a whole person - yourself or someone else - in one harsh word.",
            "Would I call a friend that for doing the same thing? What did the person actually do?",
        ),
        TrapInfo(
            "fortune_telling",
            "Fortune telling",
            "Predicting that things will turn out badly and treating the prediction as a fact.",
            "What else could happen? When I predicted this before, what actually happened?",
        ),
        TrapInfo(
            "mind_reading",
            "Mind reading",
            "Assuming you know what someone thinks or feels about you without asking them.",
            "What evidence do I have for what they think, and what evidence goes against it? Could I ask?",
        ),
        TrapInfo(
            "catastrophizing",
            "Catastrophizing",
            "Blowing up how bad or how likely an outcome is until it feels unbearable.",
            "What is the most likely outcome, and how would I cope if the worst one happened?",
        ),
        TrapInfo(
            "emotional_reasoning",
            "Emotional reasoning",
            "Taking a feeling as proof: I feel it, so it must be true.",
            "If I set the feeling aside for a moment, what do the facts alone say?",
        ),
        TrapInfo(
            "should_statements",
            "Should statements",
            "Rigid rules about how you or others must be, which turn into guilt or resentment when broken.",
            "What changes if I swap 'should' for 'I would prefer'?",
        ),
        TrapInfo(
            "personalizing",
            "Personalizing",
            "Taking the blame for events or other people's moods that are mostly outside your control.",
            "What other reasons could there be that have nothing to do with me?",
        ),
        TrapInfo(
            "blaming",
            "Blaming",
            "Holding someone else wholly responsible for how you feel, which leaves you no part to play.",
            "Whatever they did, which part of this can I influence?",
        ),
        TrapInfo(
            "disqualifying_positive",
            "Discounting the positive",
            "Dismissing good things - compliments, successes, kind acts - as if they don't count.",
            "If this good thing happened to a friend, would I tell them it doesn't count?",
        ),
        TrapInfo(
            "comparing",
            "Unfair comparisons",
            "Measuring yourself against others, often their best side against your worst.",
            "Am I comparing my inside to their outside? What would a fair comparison look like?",
        ),
    )
}

_SELF_LABELS = (
    "idiot|loser|failure|mess|burden|joke|disaster|fraud|pathetic|worthless|unlovable|unloveable|useless|"
    "stupid|needy|clingy|broken|hopeless|terrible|awful|horrible|worst|weak|ugly|boring|annoying|dramatic|"
    "drama+queen|too+much|too+needy|crazy|psycho|moron|dumb|wreck|fake|embarrassment|screwup|screw+up|"
    "disappointment|selfish|lazy|incompetent|unwanted|unattractive|bad+person|bad+mother|bad+father|"
    "bad+friend|bad+partner|bad+daughter|bad+son|hopeless+case|hot+mess|waste+of+space|coward|fool|"
    "train+wreck|basket+case|liability|unlikeable|nobody|freak|pushover|doormat|idiotic|dumbass|imposter"
)
_OTHER_LABELS = (
    "jerk|liar|narcissist|selfish|idiot|loser|lazy|useless|heartless|psycho|crazy|toxic|manipulator|"
    "manipulative|cheater|monster|asshole|arsehole|bitch|snake|player|fake|abuser|control+freak|moron|"
    "creep|pig|bully|traitor|user|idiot|clown|coward|hypocrite|drama+queen"
)
_FUTURE = (
    "will|il|ill|i'll|he'll|she'll|they'll|it'll|you'll|we'll|gonna|gona|going+to|shall|bound+to|"
    "doomed+to|destined+to|is+going+to|are+going+to"
)
_BAD_OUTCOMES = (
    "leave|leaving|dump|dumped|break+up|fail|failing|mess|blow|reject|laugh|end|cheat|lose|bored|tired|"
    "forget|replace|fire|fired|hate|go+badly|go+wrong|go+terribly|awkward|awful|terrible|terribly|bad|"
    "badly|alone|never|panic|regret|say+no|meet+someone|forgive|disaster|fall+apart|get+worse|stop+loving|"
    "lose+interest|find+someone|walk+away|give+up|screw+up|ruin|hurt|abandon|cancel"
)

_CUES: dict[str, list[tuple[str, float]]] = {
    "all_or_nothing": [
        (
            "completely|totally|entirely|utterly|absolutely|a+complete|a+total|an+absolute|an+utter|"
            "complete|total|utter ..1 ruined|failed|fail|failure|over|useless|worthless|wrong|pointless|"
            "disaster|waste|mess|wasted|lost|hopeless|write+off|writeoff",
            0.7,
        ),
        (
            "whole|entire ..3 ruined|pointless|wasted|write+off|writeoff|over|wrecked|waste|failure|disaster|"
            "ruins|finished|off",
            0.7,
        ),
        ("everything|it+all|everything+we ..2 ruined|built", 0.55),
        ("ruined|ruins|ruin everything", 0.6),
        ("either ..8 or", 0.6),
        ("all+or+nothing|no+in+between|nothing+in+between|black+and+white", 0.85),
        ("perfect|perfectly|spotless|flawless", 0.35),
        ("not|isnt|arent|wasnt|if+it's+not ..1 perfect|perfectly|spotless|flawless|100", 0.55),
        ("perfect|brilliant|all+in ..2 or", 0.6),
        ("at+all", 0.35),
        ("no+point|pointless", 0.45),
        (
            "one|a+single ..1 mistake|slip|argument|fight|typo|error|bad|awkward|missed|cookie|thing|"
            "bad+day|bad+review|b|late|off",
            0.45,
        ),
        ("anything+less+than|less+than+perfect|nothing+less+than|nothing+short+of", 0.7),
        ("100|a+hundred ..1 percent|sure", 0.4),
        ("might+as+well", 0.45),
        ("unless|if ..2 everything|every+single|every+part|perfect", 0.5),
        ("total|complete|utter|absolute mess|failure|disaster|waste|write+off|catastrophe", 0.6),
        ("means|meaning ..3 failed|failure|worthless|useless|over|nothing|doesnt+love|don't+care", 0.5),
        ("either|or ..3 worthless|useless|nothing|doesnt+care|not+interested|at+all", 0.45),
        ("every+part|every+single+answer|every+answer", 0.45),
        ("not+the+best|not+perfect|not+the+top|not+number+one", 0.5),
        ("then ..4 at+all|worthless|useless|pointless|completely", 0.45),
    ],
    "overgeneralizing": [
        ("always", 0.55),
        ("never", 0.45),
        ("every+time|everytime|every+single+time|each+time|whenever|every+single", 0.6),
        ("every ..1 time|relationship|guy|girl|person|man|woman|date|job|boyfriend|girlfriend|partner", 0.55),
        ("nobody|no+one|noone|everyone|everybody|no+body", 0.4),
        (
            "nobody|no+one|noone|everyone|everybody|people|men|women|guys|girls|they|things|nothing ..2 "
            "ever|always|never|eventually",
            0.7,
        ),
        (
            "all ..1 my|the|of+my relationships|exes|friends|partners|boyfriends|girlfriends|guys|men|women|"
            "people|dates",
            0.45,
        ),
        ("again", 0.35),
        ("here+we+go+again|same+old|same+story|same+way|same+thing|it's+always|like+always|as+usual", 0.6),
        ("all+the+time|how+it+goes|how+it+always|just+like+last+time|time+before", 0.55),
        ("nothing+ever|never+anything|anything+right", 0.55),
        ("they+all|all+of+them|they+always|you+can+never", 0.5),
        ("anyone|anybody", 0.25),
    ],
    "labeling": [
        (f"$I_AM ..2 {_SELF_LABELS}", 0.75),
        (f"what+a|such+a|such+an|what+an ..1 {_SELF_LABELS}", 0.6),
        (f"must+be|i+must+be|am+i|being+such ..2 {_SELF_LABELS}", 0.55),
        (f"is|are|hes|shes|theyre|he's|she's|they're ..3 {_OTHER_LABELS}", 0.6),
        ("i'm|im|i+am the+worst|a+bad|a+terrible|an+awful|a+horrible", 0.6),
        ("$I_AM ..1 just ..1 broken|worthless|a+mess|nothing", 0.5),
    ],
    "fortune_telling": [
        (f"{_FUTURE} ..3 {_BAD_OUTCOMES}", 0.65),
        (
            "wont|won't|will+not|never+going+to|not+going+to ..2 want|work|last|like|love|forgive|call|text|"
            "come|ask|stay|care|get+better|change|be+enough|find|happen|work+out",
            0.6,
        ),
        ("i+just+know|i+know+it|know+it+will|just+know", 0.45),
        ("bound+to|doomed|destined+to|inevitabl*", 0.6),
        ("end+up ..1 alone|single|hurt|leaving|on+my+own|the+same", 0.7),
        ("alone+forever|forever+alone|never+find|never+get+over|never+be|always+be+alone|never+going", 0.65),
        ("whats+the+use|what's+the+use|no+use|why+even|why+bother|why+even+ask|so+why", 0.35),
        ("eventually|soon+enough|sooner+or+later|any+day+now|before+long|its+only+a+matter", 0.4),
        ("i+can+feel+it|can+feel+it+coming|i+can+see+it+coming", 0.45),
        ("once ..4 she'll|he'll|they'll|will", 0.45),
        ("is+going+to|are+going+to|going+to|gonna ..1 be ..1 bad|awful|terrible|a+disaster|horrible", 0.6),
        ("won't|wont ..1 last|work+out", 0.6),
        ("nobody|no+one|noone|none ..1 will|is+going+to|gonna|ll|would+ever", 0.6),
    ],
    "mind_reading": [
        (
            "thinks|thought|think|must+think|probably+thinks|all+think|secretly+think ..1 im|i+am|i+was|of+me|me|"
            "that+im|that+i|i'm|i+m|i",
            0.6,
        ),
        (
            "$SUBJ3 ..1 doesnt|doesn't|dont|does+not|didnt|did+not|do+not ..1 care|love|want|like|feel|rate|"
            "respect|trust|mean|miss|enjoy",
            0.6,
        ),
        (
            "must|probably|obviously|clearly|secretly|definitely|must+be ..2 hate|hates|resent|resents|think|"
            "thinks|mad|angry|annoyed|bored|tired|disappointed|regret|regrets|laugh|judging|sick+of|care|want|"
            "cheating|lying|hiding|upset+with|rate|dislike|losing|pulling|over+me|fed+up",
            0.65,
        ),
        (
            "losing+interest|pulling+away|going+off+me|over+me|sick+of+me|bored+of+me|bored+with+me|tired+of+me|"
            "fed+up+with+me|getting+bored|waiting+for+a+reason|regrets+dating|regret+dating",
            0.65,
        ),
        (
            "hate+me|hates+me|annoyed+with+me|annoyed+at+me|mad+at+me|angry+with+me|angry+at+me|upset+with+me|"
            "disappointed+in+me|resent+me|resents+me|judging+me|laugh+at+me|laughing+at+me|laugh+about+me|"
            "behind+my+back|talking+about+me|doesn't+want+me|dont+want+me|don't+like+me|doesnt+like+me|"
            "doesnt+rate+me|don't+rate+me",
            0.55,
        ),
        (
            "i+can+tell|i+know+what ..3 thinking|i+can+see+it|i+bet|i+know ..2 he's|she's|they're|hes|shes|"
            "theyre|he|she|they",
            0.45,
        ),
        ("feel+sorry+for+me|out+of+pity|to+be+polite|put+up+with+me|tolerate+me|out+of+habit", 0.5),
        ("wishes|regrets|regret ..2 dating|being+with|single|met|me", 0.5),
        ("because|cause ..1 he|she|they ..1 doesnt|doesn't|dont|didnt|don't ..1 want|care|love|feel|like", 0.6),
        (
            "he's|she's|they're|hes|shes|theyre|he+is|she+is|they+are ..2 annoyed|mad|angry|bored|disappointed|"
            "upset|tired|sick|embarrassed",
            0.5,
        ),
        ("must|probably ..1 not ..1 care|want|like|love", 0.6),
        ("didn't|didnt|doesn't|doesnt|dont ..1 mean+it|feel+it|feel+the+same", 0.45),
    ],
    "catastrophizing": [
        (
            "disaster|catastrophe|catastrophic|nightmare|unbearable|end+of+the+world|end+of+everything|"
            "end+of+my+life|worst+thing|ruin+my+life|life+is+over|life+will+be+over|never+recover|destroy|"
            "destroyed|homeless|on+the+street|lose+everything|fall+apart|falling+apart|worst+case",
            0.7,
        ),
        (
            "can't|cant|cannot|wont+be+able+to|won't+be+able+to|not+be+able+to ..1 cope|handle|survive|stand|bear|"
            "take+it|live+without",
            0.7,
        ),
        ("won't|wont|not|never|couldn't|couldnt ..1 survive", 0.7),
        ("terrible|awful|horrible|dreadful|the+worst", 0.4),
        ("what+if", 0.5),
        (
            "what+if ..6 something|accident|never|lose|cheating|die|dies|sick|serious|dead|hurt|terrible|awful|"
            "leave|leaves|fired|heart",
            0.75,
        ),
        ("something ..1 terrible|awful|bad|serious|horrible|wrong ..2 happened|happening|has+happened", 0.7),
        (
            "something+serious|something+really+serious|heart+attack|in+an+accident|had+an+accident|cancer|"
            "tumour|tumor|dying",
            0.6,
        ),
        ("my+life ..2 over|ruined|finished", 0.75),
        ("i'll|ill|i+will|i'd|id ..1 die|never+recover|lose+everything|be+homeless|be+ruined", 0.7),
        ("finished|over ..1 for+me", 0.5),
        ("end+of ..1 everything|us|the+world|my+career|my+life", 0.7),
        ("absolute|total|complete ..1 catastrophe|nightmare|disaster", 0.75),
        ("going+to|gonna|will ..2 destroy|ruin", 0.6),
        ("never+work+again|never+find+work|lose+my+job|lose+the+flat|lose+my+home|lose+the+house", 0.6),
    ],
    "emotional_reasoning": [
        (
            "i+feel|im+feeling|i+am+feeling|it+feels|feels|i+felt ..7 therefore|which+means|which+proves|"
            "that+means|it+means|must+mean|means|proves|so+it+must|so+i+must|so+he+must|so+she+must|"
            "so+they+must|so+it+is|so+i+am|so+im|so+nobody|so+everyone|so+something|so+i+was|so+he+is|so+she+is|"
            "so+it+has|so+i+probably|so+it+probably|so+they+probably|so+he+probably|so+she+probably|so+no+one|"
            "so+it's|so+its",
            0.8,
        ),
        (
            "i+feel|it+feels|feels|im+feeling|i+felt ..5 must|probably+is|probably+am|probably+will|it+must|"
            "has+to+be|have+to+be|must+be",
            0.6,
        ),
        ("because|since|if ..1 i+feel|i'm|im|i+am ..5 must|then|something|so", 0.55),
        ("therefore", 0.5),
        ("must+be+a+sign|it's+a+sign|its+a+sign|a+sign+that", 0.5),
        (
            "my+gut|gut+feeling|gut+tells|gut+says|i+can+feel+it|feel+it+in+my|feels+true|feels+real|"
            "feels+so+real|it+feels+true",
            0.65,
        ),
        ("it+feels+like|feels+like ..2 nobody|everyone|no+one|he|she|they|i'm|im|i+am", 0.45),
        ("i+feel+like ..2 he|she|they|nobody|everyone|no+one|a+failure|a+burden|a+fraud|a+mess", 0.45),
        ("i+feel|i+felt|feeling|i'm|im ..3 so|,|which ..2 i ..1 am|must|was|probably", 0.45),
        ("i+feel|feeling ..3 so ..2 nobody|everyone|no+one|it+is|he+is|she+is", 0.55),
    ],
    "should_statements": [
        ("should|should+be|should+have|shouldve|should've|should+know|should+always|should+never", 0.7),
        ("shouldnt|shouldn't|should+not|shouldnt+have|shouldn't+have", 0.75),
        ("ought|oughta|ought+to|supposed+to|supposed+2", 0.75),
        (
            "i|we|you|he|she|they|people|partners ..1 must ..1 never|always|not|keep|look|make|do|get|stay|"
            "be+available|be+perfect|be+the|be+strong|please|hide|be+able",
            0.7,
        ),
        ("mustnt|mustn't|must+not|must+never|must+always", 0.65),
        ("have+to|has+to|got+to|gotta", 0.4),
        ("have+to|has+to|need+to|needs+to ..1 always|never|be+perfect|be+available|keep+everyone|be+the", 0.6),
        (
            "a+good|a+real|any+decent ..2 partner|friend|girlfriend|boyfriend|mother|daughter|person|son|wife|"
            "husband ..2 should|would|ought|always|never|must",
            0.5,
        ),
        ("by+now|at+this+age|at+my+age|by+this+age|by+my+age", 0.35),
    ],
    "personalizing": [
        (
            "my+fault|on+me|because+of+me|due+to+me|i+caused|i+ruined|i+made+him|i+made+her|i+made+them|"
            "i+upset|i'm+the+reason|im+the+reason|i+am+the+reason|i+made+everyone|thanks+to+me|all+me",
            0.8,
        ),
        ("$I_AM ..1 to+blame|responsible|the+problem|the+cause", 0.75),
        (
            "what+did+i+do|what+have+i+done|did+i+do+something|something+i+did|something+i+said|i+did+something|"
            "i+said+something",
            0.6,
        ),
        ("i+must+have|must+have+been+me|i+probably ..2 done|said|upset|made|annoyed|hurt|caused|did|something", 0.75),
        ("if+i+were|if+i+was|if+i+had+been|if+i+hadnt|if+i+hadn't|if+only+i|if+i'd+been|if+id+been|if+i+had", 0.6),
        (
            "because ..1 i ..2 wasnt|wasn't|didnt|didn't|organised|organized|was+too|said|forgot|chose|"
            "was+not|left|picked",
            0.5,
        ),
        ("i+made ..1 him|her|them|everyone|you ..2 angry|upset|sad|leave|uncomfortable|tense|stressed|mad|cry", 0.7),
        ("i ..1 ruined|spoiled|wrecked ..2 the|it|everything|our", 0.7),
        ("too+much|too+needy|too+clingy ..2 last+time|for+him|for+her", 0.35),
    ],
    "blaming": [
        (
            "his|her|their|your|partners|partner's|parents|mums|moms|dads|bosses|boss's|exs|ex's|sisters|"
            "brothers|friends|husbands|wifes|boyfriends|girlfriends|flatmates ..1 fault",
            0.8,
        ),
        (
            "$SUBJ3|you|u|they ..2 made|makes|make|making ..1 me ..3 feel|do|lose|look|jealous|angry|anxious|"
            "so|like|this|small|worthless|insecure|crazy|cry|nothing",
            0.65,
        ),
        (
            "he|she|they|ex|boss|parents|mum|mom|dad|flatmate|partner|sister|brother|friend|friends|roommate|"
            "husband|wife|boyfriend|girlfriend|mother|father|family|you ..1 ruined|ruins|destroyed|wrecked|"
            "spoiled|ruin",
            0.7,
        ),
        (
            "because+of|thanks+to|due+to ..1 him|her|them|you|my+ex|my+mother|my+mum|my+mom|my+dad|my+father|"
            "my+parents|my+boss|my+partner|my+husband|my+wife|my+boyfriend|my+girlfriend|my+family|my+sister|"
            "my+brother|my+friends|my+coworker|my+flatmate|other+people",
            0.7,
        ),
        ("is|are|hes|shes|theyre|he's|she's|they're ..1 the+reason|to+blame|responsible", 0.65),
        (
            "if ..1 he|she|they|hed|shed|theyd|my|you|only+he|only+she ..8 i+wouldnt|i+wouldn't|i+would+not|id+not|"
            "i+would+never|i+wouldnt+have|i+wouldn't+have",
            0.65,
        ),
        ("drove+me+to|drives+me|did+this+to+me|forced+me+to|pushed+me+to+it|their+doing|his+doing|her+doing", 0.6),
        ("the+one+who|the+ones+who", 0.45),
        ("gives+me+reasons|give+me+reasons|gave+me+reason|gives+me+a+reason", 0.5),
        ("blame ..1 him|her|them|you|my", 0.7),
        ("to+blame+for", 0.6),
        ("i+only ..3 because ..1 he|she|they|you|my", 0.5),
    ],
    "disqualifying_positive": [
        ("just|only|was+just|were+just|was+only ..1 being ..1 nice|polite|kind|friendly|nice+to+me|supportive", 0.8),
        ("has|have|had|just|only|was+just|were+just|was+only ..1 say|saying|said|says ..1 that|it", 0.7),
        ("says+that+to+everyone|says+that+to+all|say+that+to+everyone|saying+that+to+be+nice", 0.75),
        (
            "doesnt|doesn't|does+not|dont|don't|didnt|didn't|wouldnt ..1 count|mean+anything|mean+much|"
            "mean+a+thing|really+count",
            0.75,
        ),
        ("count+for+anything|counts+for+nothing|means+nothing|meant+nothing|for+anything", 0.6),
        ("fluke|pure+luck|just+luck|dumb+luck|luck|lucky|by+chance|by+accident", 0.55),
        ("anyone|anybody|any+idiot ..1 could ..2 done|do|have|manage", 0.75),
        ("only|just ..3 because ..4 nobody|no+one|easy|nice|pity|sorry|had+to|everyone|lucky|luck|felt|biased", 0.6),
        ("out+of+pity|felt+sorry|feel+sorry+for+me|feels+sorry|sorry+for+me", 0.6),
        ("biased|so+what|nothing+special|not+a+big+deal|no+big+deal", 0.45),
        ("wasnt|wasn't|not ..1 really ..1 me|anything+i+did|my+doing", 0.6),
        ("nothing+to+do+with+me|not+anything+i+did|the+slides+did|did+the+work", 0.6),
        ("didn't|didnt|doesn't|doesnt|dont|don't ..1 mean+it|really+mean+it", 0.7),
        ("wont+last|won't+last|not+going+to+last|cant+last|can't+last", 0.5),
        ("just|only ..1 trying+to|keeping+the+peace|keep+the+peace", 0.5),
        ("yeah|yes|sure|ok|okay|fine|true ..5 but", 0.35),
        ("easy+one|was+easy|were+easy|small+competition|a+reminder|phone+reminder|biased", 0.45),
    ],
    "comparing": [
        (
            "everyone+else|everybody+else|other+people|other+couples|others|other+girls|other+guys|other+women|"
            "other+men|people+my+age|everyone+my+age|the+rest+of",
            0.65,
        ),
        ("than ..1 me|i|mine|us|i'll|ill|im|i'm|i+am|i+was", 0.75),
        ("compared+to|comparing|compare+myself|in+comparison|compared+with|next+to+her|next+to+him", 0.7),
        ("why+can't+i|why+cant+i|why+cannot+i ..1 be|look|have ..2 like|as|more", 0.7),
        ("why+is+everyone|why+are+they+all|why+does+everyone", 0.55),
        ("not|never|n't ..1 as ..2 as", 0.55),
        (
            "all+my+friends|all+of+my+friends|my+friends+all|everyone+i+know ..6 and+i|and+im|but+i|but+im|"
            "while+i|i+dont|i+don't|i'm+still|im+still|and+i'm",
            0.7,
        ),
        ("her|his|their|my+friends ..1 boyfriend|girlfriend|partner|husband|wife|relationship|life ..6 mine", 0.6),
        ("instagram|social+media|everyones+life|everyone's+life|their+perfect", 0.5),
        ("behind ..1 everyone|everybody|others|my+friends|where+everyone|my+classmates|my+peers", 0.7),
        ("the+pretty+one|the+smart+one|the+other+one|the+favourite|the+favorite|the+successful+one", 0.55),
        ("unlike+me|like+we+do|we+never+do|unlike+us", 0.4),
        ("more ..1 successful|fun|attractive|interesting|confident|relaxed|popular|together", 0.3),
        ("my+age|my+classmates|my+colleague|my+colleagues|graduated+with", 0.3),
    ],
}

_VETOES: list[tuple[str, str]] = [
    ("labeling", "$I_AM not|never|no ..2 " + _SELF_LABELS),
    ("labeling", "$I_AM ..1 a|the ..1 little|bit"),
    ("overgeneralizing", "not+always|not+never|almost+never"),
    ("mind_reading", "i|we ..1 think|thought"),
    ("should_statements", "should+i|should+we|ought+i"),
    ("comparing", "other+than|rather+than|more+than+ever|better+than+nothing|more+than+i+can"),
    ("catastrophizing", "what+if+we|what+if+i+asked|what+if+i+try"),
    ("disqualifying_positive", "good+luck|luckily|lucky+to+have"),
    ("fortune_telling", "i'll+be+fine|it'll+be+fine|it'll+be+ok|will+be+ok|will+be+fine|be+alright"),
]


def _build_book() -> PhraseBook:
    cues = [Cue(name, pattern, weight) for name, patterns in _CUES.items() for pattern, weight in patterns]
    cues += [Cue(name, pattern, 1.0, veto=True) for name, pattern in _VETOES]
    return PhraseBook(cues, MACROS)


_BOOK = _build_book()

# Speaker and experiencer, assigned before any trap is tagged (ConText: Harkema et al., 2009, J Biomed Inform
# 42(5):839-851 - a finding's experiencer and scope are read from trigger terms, up to a termination term or
# the end of the sentence). Risk-and-abuse reference, section 4: "a reported utterance is evidence about its
# speaker, not the user's cognition"; tagging "he says I'm crazy" as the person's labeling would invite them
# to dispute a belief the partner put there (degradation, Home Office 2015; gaslighting, Sweet 2019), and
# "it's my fault he gets angry" may be an installed belief that serves control (Campbell 1987; Overholser &
# Moll 1990), not a trap to reframe. So trap cues are skipped inside:
#
# * reported speech: from "he says / she told me / he keeps telling me / he calls me ..." (or a capitalised
#   name before such a verb) to the end of the sentence, and on to the end of a quotation opened inside it;
# * a description of someone else's act toward the person ("he yells at me", "she took my bank card", "he
#   threatened to take the kids", "he laughed at me in front of his friends"): the clause that holds it;
# * self-blame for someone else's anger or violence ("it's my fault he yelled", "I provoked him"): the whole
#   sentence, when the anger or violence is in that sentence or the one before.
#
# The person's own words beside these are still read ("He says I'm crazy. I'm such an idiot for staying.").
_OTHERS = (
    "he|she|they|hes|shes|theyre|my+partner|my+boyfriend|my+girlfriend|my+husband|my+wife|my+bf|my+gf|"
    "my+fiance|my+fiancee|my+ex|my+spouse|partner|boyfriend|girlfriend|husband|wife|ex|bf|gf|fiance|"
    "my+mum|my+mom|my+mother|my+dad|my+father|my+boss|my+parents|his+mum|his+mom|his+family|her+family|"
    "his+friends|her+friends"
)
_SPEECH = (
    "says|said|say|tells+me|told+me|telling+me|tell+me|keeps+saying|kept+saying|keeps+telling+me|"
    "kept+telling+me|screams|screamed|shouts|shouted|yells+that|yelled+that|texted|wrote|messaged|"
    "accuses+me|accused+me|reminds+me|reminded+me|insists|swears|claims|has+told+me|has+said|reckons|"
    "always+tells+me|thinks+it's+funny|thinks+its+funny"
)
_ACTS = (
    "yells|yelled|yelling|shouts|shouted|shouting|screams|screamed|screaming|hit|hits|hitting|slapped|slaps|"
    "pushed|pushes|shoved|shoves|grabbed|grabs|kicked|kicks|choked|chokes|strangled|punched|punches|threw|"
    "throws|took|takes|taken|checks|checked|goes+through|went+through|threatened|threatens|threatening|"
    "laughed+at|laughs+at|laughing+at|mocks|mocked|mocking|makes+fun|made+fun|humiliated|humiliates|"
    "belittles|belittled|puts+me+down|put+me+down|insults|insulted|embarrassed+me|embarrasses+me|controls|"
    "controlled|locked|locks|tracks|tracked|follows+me|followed+me|swore+at|swears+at|blames+me|blamed+me|"
    "won't+let+me|wont+let+me|doesn't+let+me|doesnt+let+me|didn't+let+me|didnt+let+me|wouldn't+let+me|"
    "wouldnt+let+me|forbids|forbade|stops+me|stopped+me|smashed|smashes|hurt+me|hurts+me|forced|forces|"
    "gaslights|isolates|isolated|spits|spat|ignored+me+for|stonewalls|calls+me|called+me|calling+me|"
    "let+me|lets+me|allow+me|allows+me|allowed+me"
)
_ANGER = (
    "angry|mad|furious|yell*|shout*|scream*|snap|snapped|snaps|temper|hit|hits|slap*|push*|shov*|grab*|kick*|"
    "chok*|strangl*|punch*|threw|throw*|rage|raging|blew+up|blows+up|explod*|lash*|violent|hurt|hurts|smash*|"
    "broke|abuse*|threat*"
)
_ATTRIBUTION_CUES: list[tuple[str, str]] = [
    ("reported", f"{_OTHERS} ..2 {_SPEECH}"),
    ("reported", "according+to ..1 him|her|them|my+partner|my+husband|my+wife|my+boyfriend|my+girlfriend|my+ex"),
    ("reported_named", _SPEECH),
    ("act", f"{_OTHERS} ..2 {_ACTS}"),
    ("act_named", _ACTS),
    (
        "self_blame",
        "my+fault|my+own+fault|on+me|because+of+me|i+caused|i+provoked|i+made+him|i+made+her|i+made+them|"
        "i+deserved|i+deserve|deserved+it|deserve+it|asked+for+it|brought+it+on+myself|i+pushed+him|"
        "i+pushed+her|pushed+his+buttons|pushed+her+buttons|wound+him+up|wind+him+up|wound+her+up|"
        "set+him+off|set+her+off|if+i+hadn't|if+i+hadnt|if+i+had+just|if+only+i|if+i+were|if+i+was|"
        "i+should+have|i+shouldn't+have|i+shouldnt+have|i+should've|i+shouldve|because+i|i+upset+him|"
        "i+upset+her|i'm+the+reason|im+the+reason|i+am+the+reason|i+ruined|i+started+it|my+doing|to+blame",
    ),
    (
        "self_blame_sure",
        "provoked|set+him+off|set+her+off|pushed+his+buttons|pushed+her+buttons|wound+him+up|wound+her+up|"
        "asked+for+it|brought+it+on+myself|deserved+it|deserve+it|deserved+to+be|deserve+to+be",
    ),
    ("anger", f"{_OTHERS}|him|her|them|his|their ..3 {_ANGER}"),
]
_ATTRIBUTION = PhraseBook([Cue(label, pattern, 1.0) for label, pattern in _ATTRIBUTION_CUES], MACROS)


def _folded_words(words: set[str]) -> frozenset[str]:
    """Words as the folded tokens read them ("will" is "wil", "gonna" is "gona")."""
    return frozenset(t for word in words for t in fold_phrase_word(word))


_NOT_A_NAME = _folded_words(
    {"i", "im", "we", "you", "it", "its", "this", "that", "everyone", "everybody", "nobody", "people", "and", "but"}
)
_NEGATIONS = _folded_words(
    {"never", "not", "didnt", "doesnt", "dont", "wont", "hasnt", "havent", "cant", "rarely", "barely"}
)
# "My boss will say no" is the person's prediction, not a report: a modal before the verb hands it back.
_MODALS = _folded_words(
    {
        "will",
        "ll",
        "il",
        "would",
        "might",
        "may",
        "could",
        "gonna",
        "going",
        "shall",
        "should",
        "must",
        "to",
        "have",
        "has",
        "probably",
        "definitely",
        "prob",
    }
)
_ACCORDING = _folded_words({"according"})
_TERMINATION = _folded_words({"but", "though", "although", "however", "whereas"})
_PERMISSION = _folded_words({"let", "lets", "allow", "allows", "allowed"})
_QUOTE = re.compile(r"\"[^\"]*\"?|(?<![\w'])'(?:[^'\n]|'(?=\w))*'?")


@dataclass(frozen=True)
class Attribution:
    """A stretch of a thought that is not the person's own cognition, and why: ``reported_speech`` (someone
    else's words), ``others_act`` (what someone else did) or ``self_blame_for_others_anger``."""

    kind: str
    evidence: str
    span: tuple[int, int]
    first_token: int
    end_token: int


def attribute(folded: FoldedText) -> tuple[Attribution, ...]:
    """The stretches of ``folded`` that belong to someone else (see the comment above), in text order."""
    tokens = folded.tokens
    n = len(tokens)
    sentence_of: list[int] = []
    sentence_bounds: list[tuple[int, int]] = []
    start = 0
    for i, token in enumerate(tokens):
        sentence_of.append(len(sentence_bounds))
        if token.kind == "b":
            sentence_bounds.append((start, i + 1))
            start = i + 1
    sentence_bounds.append((start, n))
    if n and tokens[-1].kind == "b":
        sentence_bounds.pop()

    def clause_start(i: int) -> int:
        j = i
        while j > sentence_bounds[sentence_of[i]][0] and tokens[j - 1].kind not in ("b", "c"):
            j -= 1
        return j

    # Quotations, by folded character span, mapped to the tokens they cover.
    quotes: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(folded.folded):
        inside = [k for k, t in enumerate(tokens) if m.start() <= t.start and t.end <= m.end()]
        if inside:
            quotes.append((inside[0], inside[-1] + 1))

    ranges: list[tuple[str, int, int]] = []
    by_label: dict[str, list[Hit]] = {}
    for hit in _ATTRIBUTION.scan(folded):
        by_label.setdefault(hit.cue.label, []).append(hit)
    for label in ("reported", "reported_named", "act", "act_named"):
        for hit in by_label.get(label, ()):
            if label.endswith("_named"):
                # A verb after a capitalised name ("Tom says ..."); the other cues name the person themselves.
                name = hit.first_token - 1
                if name < 0 or tokens[name].kind != "w" or tokens[name].text in _NOT_A_NAME:
                    continue
                if not folded.original[folded.original_span(tokens[name].start, tokens[name].end)[0]].isupper():
                    continue
            # "he never calls me" is the person's reading of an absence, not his words or acts; "he won't let
            # me" is an act of control.
            words = {t.text for t in tokens[hit.first_token : hit.end_token]}
            if bool(words & _NEGATIONS) != bool(words & _PERMISSION):
                continue
            if words & _MODALS and tokens[hit.first_token].text not in _ACCORDING:
                continue
            sentence_end = sentence_bounds[sentence_of[hit.first_token]][1]
            if label.startswith("reported"):
                begin = hit.first_token - 1 if label.endswith("_named") else hit.first_token
                end = sentence_end
                for q_start, q_end in quotes:
                    if begin <= q_start < end:
                        end = max(end, q_end)
                # ConText's termination terms: a contrast hands the sentence back to the person's own voice.
                for k in range(hit.end_token, end):
                    if tokens[k].text in _TERMINATION and not any(q <= k < e for q, e in quotes):
                        end = k
                        break
                ranges.append(("reported_speech", begin, end))
            else:
                ranges.append(("others_act", clause_start(hit.first_token), sentence_end))
    anger_sentences = {sentence_of[h.first_token] for h in by_label.get("anger", ())}
    anger_sentences |= {sentence_of[h.first_token] for h in by_label.get("act", ())}
    sure = {sentence_of[h.first_token] for h in by_label.get("self_blame_sure", ())}
    for hit in by_label.get("self_blame", []) + by_label.get("self_blame_sure", []):
        sentence = sentence_of[hit.first_token]
        if sentence in sure or sentence in anger_sentences or sentence - 1 in anger_sentences:
            begin, end = sentence_bounds[sentence]
            ranges.append(("self_blame_for_others_anger", begin, end))
    found: dict[tuple[int, int], Attribution] = {}
    for kind, begin, end in sorted(ranges, key=lambda r: (r[1], -r[2])):
        if end <= begin or any(b <= begin and end <= e for b, e in found):
            continue
        span = folded.token_span(begin, end)
        found[(begin, end)] = Attribution(kind, folded.original[span[0] : span[1]], span, begin, end)
    return tuple(found.values())


@dataclass(frozen=True)
class TrapFinding:
    """One suggested trap, with the words behind it (``evidence``) and their spans in the original text."""

    name: str
    confidence: float
    evidence: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def info(self) -> TrapInfo:
        return TRAPS[self.name]

    def to_dict(self) -> dict[str, Any]:
        info = self.info
        return {
            "name": self.name,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
            "spans": [list(span) for span in self.spans],
            "label": info.label,
            "explanation": info.explanation,
            "question": info.question,
            "evidence_note": None if self.evidence else NO_SINGLE_PHRASE,
        }


@dataclass(frozen=True)
class ThoughtReading:
    """One scan of a thought: the traps its cues show (``findings``, scored, not thresholded), the stretches
    that are someone else's words or acts (``others``), and the traps a veto says the thought is explicitly
    not ("I'm not a failure") where no cue of that trap remains (``ruled_out``)."""

    findings: dict[str, TrapFinding]
    others: tuple[Attribution, ...]
    ruled_out: frozenset[str]

    def own_tokens(self, folded: FoldedText) -> list[Token]:
        """The tokens of ``folded`` that are the person's own (outside ``others``)."""
        skipped = {k for a in self.others for k in range(a.first_token, a.end_token)}
        return [token for k, token in enumerate(folded.tokens) if k not in skipped]


def read_thought(folded: FoldedText) -> ThoughtReading:
    """Every trap with at least one cue in the person's own words, scored; see :class:`ThoughtReading`.

    Cues that start inside someone else's words or acts (:func:`attribute`) are skipped.
    """
    others = attribute(folded)
    ranges = [(a.first_token, a.end_token) for a in others]
    by_trap: dict[str, list[Any]] = {}
    hits, vetoes = _BOOK.scan_with_vetoes(folded)
    for hit in hits:
        if any(begin <= hit.first_token < end for begin, end in ranges):
            continue
        by_trap.setdefault(hit.cue.label, []).append(hit)
    findings: dict[str, TrapFinding] = {}
    for name, trap_hits in by_trap.items():
        distinct = {(h.cue.pattern, h.cue.weight) for h in trap_hits}
        confidence = round(min(MAX_CONFIDENCE, noisy_or(w for _, w in distinct)), 2)
        evidence = merge_evidence(((h.start, h.end) for h in trap_hits), folded.original)
        findings[name] = TrapFinding(
            name, confidence, tuple(e for e, _ in evidence), tuple(span for _, span in evidence)
        )
    ruled_out = frozenset(v.cue.label for v in vetoes) - set(findings)
    return ThoughtReading(findings, others, ruled_out)


def score_traps(folded: FoldedText) -> dict[str, TrapFinding]:
    """Every trap with at least one cue in the person's own words, scored (not thresholded, not ranked)."""
    return read_thought(folded).findings


def _rank_key(finding: TrapFinding) -> tuple[float, int, str]:
    # Ties go to the trap with more separate pieces of evidence, then to the catalogue order.
    return (-finding.confidence, -len(finding.spans), f"{list(TRAPS).index(finding.name):02d}")


def detect_traps(folded: FoldedText) -> tuple[TrapFinding, ...]:
    """The top :data:`MAX_TRAPS` traps at or above :data:`MIN_CONFIDENCE`, best first (maybe none)."""
    ranked = sorted(score_traps(folded).values(), key=_rank_key)
    return tuple(f for f in ranked if f.confidence >= MIN_CONFIDENCE)[:MAX_TRAPS]
