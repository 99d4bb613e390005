"""Vocabulary of figures in conflict and disaster news: what is counted, and who.

General English news vocabulary only: casualty, arrest and deployment words, the
nouns for the groups that reports count, and words that mark a number as something
other than a count (units, durations, ages, pages).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word set written as one string, as vocabularies read best."""
    return frozenset(text.split())


# Lemmas (or lower-cased forms) of words that name the measure of a figure.
KILLED_WORDS = words(
    """kill killed killing dead die died dying death deaths fatality fatalities murder murdered
    behead beheaded liquidate liquidated execute executed slay slain slew massacre massacred
    perish perished lynch lynched assassinate assassinated toll life lives body bodies
    drown drowned slaughter slaughtered deceased"""
)
# Killings by a manner that news reports of some among a toll ("two of them beheaded"): the
# count is of those killed so, a subgroup of the dead, never a rival toll.
KILLING_MANNERS = words("behead beheaded decapitate decapitated lynch lynched")
INJURED_WORDS = words(
    """injure injured injuring injury injuries wound wounded wounding hurt hospitalize
    hospitalized hospitalise hospitalised maim maimed"""
)
ARRESTED_WORDS = words(
    """arrest arrested arresting arrests detain detained detaining detention detentions
    detainee detainees apprehend apprehended jail jailed imprison imprisoned incarcerate
    incarcerated custody"""
)
# Verbs of sending forces: their object is a troop figure whatever the noun.
DEPLOY_WORDS = words(
    """deploy deployed send sent dispatch dispatched station stationed mobilize mobilized
    mobilise mobilised airlift airlifted"""
)
TROOP_NOUNS = words(
    """troop troops soldier soldiers paratrooper paratroopers serviceman servicemen
    servicemember servicemembers marine marines peacekeeper peacekeepers reservist reservists
    commando commandos conscript conscripts sailor sailors airman airmen"""
)
# Military formations: "two battalions" counts units, not troops.
FORMATION_NOUNS = words(
    """battalion battalions brigade brigades regiment regiments division divisions platoon
    platoons squad squads company companies corps contingent contingents unit units
    squadron squadrons fleet fleets"""
)
# Nouns that say the count is of some other state (for measure `other`).
OTHER_STATE_WORDS = words(
    """missing displaced evacuated homeless stranded trapped rescued abducted kidnapped
    unaccounted infected"""
)
# State words that name the same group as a commoner one ("still unaccounted for").
_STATE_GROUP = {"unaccounted": "missing"}


def state_group(word: str) -> str:
    """The group of a count of people in some state: "missing", "displaced"."""
    return _STATE_GROUP.get(word, word)


# Measures of people hurt: killed, injured, or hit with the fate unsaid.
HARM_MEASURES = frozenset({"killed", "injured", "casualties"})
# Words for people hit without saying whether they lived: "five people were shot", "the
# four victims", "casualties" (killed and injured together).
CASUALTY_WORDS = words("shoot shot casualty casualties")
# Adverbs and states that tell the fate of those hit: "shot, two fatally".
FATE_WORDS: dict[str, str] = {
    "fatally": "killed",
    "mortally": "killed",
    "dead": "killed",
    "critically": "injured",
    "seriously": "injured",
    "gravely": "injured",
    "nonfatally": "injured",
    "non-fatally": "injured",
}

MEASURE_OF_WORD: dict[str, str] = {
    **{w: "casualties" for w in CASUALTY_WORDS},
    **{w: "killed" for w in KILLED_WORDS},
    **{w: "injured" for w in INJURED_WORDS},
    **{w: "arrested" for w in ARRESTED_WORDS},
}

# Active verbs whose subject is the doer, not the counted victim ("gunmen killed 5").
TRANSITIVE_MEASURE_LEMMAS = words(
    """shoot kill murder behead liquidate execute slay massacre lynch assassinate slaughter injure
    wound hurt maim arrest detain apprehend jail imprison"""
)

SECURITY = "security forces"
PROTESTERS = "protesters"
CIVILIANS = "civilians"
TOTAL = "total"

# Head nouns (lower case, singular or plural) to a canonical group.
GROUP_OF_NOUN: dict[str, str] = {
    **{
        w: SECURITY
        for w in words(
            """police policeman policemen policewoman policewomen officer officers agent
        agents soldier soldiers troop troops guard guards guardsmen serviceman servicemen
        gendarme gendarmes personnel security forces force militiaman militiamen trooper
        troopers paratrooper paratroopers marine marines peacekeeper peacekeepers
        conscript conscripts commando commandos cop cops deputy deputies"""
        )
    },
    **{
        w: PROTESTERS
        for w in words(
            """protester protesters protestor protestors demonstrator demonstrators rioter
        rioters criminal criminals militant militants insurgent insurgents rebel rebels gunman
        gunmen terrorist terrorists extremist extremists looter looters troublemaker
        troublemakers opponent opponents assailant assailants attacker attackers bandit
        bandits fighter fighters jihadist jihadists separatist separatists marcher marchers
        activist activists"""
        )
    },
    **{
        w: CIVILIANS
        for w in words(
            """civilian civilians bystander bystanders passerby passers residents resident
        villager villagers child children woman women student students pilgrim pilgrims
        worshipper worshippers worshiper worshipers tourist tourists shopper shoppers
        noncombatants"""
        )
    },
    **{
        w: TOTAL
        for w in words(
            """people persons person individuals individual victims victim bodies body
        lives life dead deaths fatalities casualties"""
        )
    },
}
# Multi-word modifiers that turn a generic head into a group ("security personnel",
# "law enforcement officers", "forces of order").
SECURITY_MODIFIERS = words("police security law enforcement army military riot")

# Things that reports of unrest, war and disaster count, for figures of measure `other`.
EVENT_THINGS = words(
    """building buildings home homes house houses apartment apartments shop shops store stores
    school schools hospital hospitals church churches mosque mosques office offices station
    stations checkpoint checkpoints barricade barricades roadblock roadblocks car cars vehicle
    vehicles bus buses truck trucks tank tanks aircraft plane planes jet jets helicopter
    helicopters drone drones missile missiles rocket rockets shell shells bomb bombs weapon
    weapons gun guns firearm firearms round ship ships boat boats vessel vessels tent tents
    shelter shelters camp camps city cities town towns village villages region regions province
    provinces district districts state states country countries nation nations republic
    republics airport airports bridge bridges road roads attack attacks strike strikes airstrike
    airstrikes raid raids explosion explosions blast blasts aftershock aftershocks fire fires
    wave waves case cases inquiry inquiries investigation investigations probe probes charge
    charges trial trials sentence sentences complaint complaints protest protests rally rallies
    demonstration demonstrations clash clashes incident incidents riot riots crowd crowds
    family families household households migrant migrants refugee refugees prisoner prisoners
    hostage hostages patient patients survivor survivors worker workers miner miners
    passenger passengers crew crewmen member members journalist journalists reporter
    reporters doctor doctors medic medics suspect suspects"""
)
# Counted nouns that make a number something other than a count of people or things.
UNIT_NOUNS = words(
    """second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries time times km kilometre kilometres kilometer kilometers
    mile miles metre metres meter meters foot feet inch inches kg kilogram kilograms tonne
    tonnes ton tons pound pounds ounce ounces gram grams litre litres liter liters gallon
    gallons barrel barrels acre acres hectare hectares degree degrees percent per cent
    dollar dollars euro euros rouble roubles ruble rubles tenge yuan yen pence cent cents
    sterling point points p.m. a.m. pm am o'clock mph kph inhabitants population
    page pages chapter floor storey storeys cm mm centimetre centimetres centimeter centimeters
    millimetre millimetres gb mb tb ghz mhz pixel pixels byte bytes watt watts kilowatt
    kilowatts megawatt megawatts volt volts calorie calories magnitude block blocks"""
)
# Counted nouns of what is neither a person nor a thing an event report tallies: animals
# ("two dogs were also wounded"), wounds ("two gunshot wounds"), charges ("three counts
# of assault").
NOT_VICTIM_NOUNS = words(
    """dog dogs k-9 k9 canine canines horse horses cat cats puppy puppies pet pets animal
    animals wound wounds count counts"""
)
MONTHS = words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)
# Words before a number that make it a label, not a count ("page 5", "Article 5").
LABEL_BEFORE = words(
    """page pages p. pp. no. nos. number article section chapter paragraph resolution flight
    route highway road line room platform gate level phase grade class round stage term
    apollo image images photo photos slide slides picture pictures video videos"""
)
# Nouns that stand for a count of something else: "the number of people arrested".
# Words that open an aside on one member of a list of victims: "a woman, who was asleep,
# and three men"; "four men, ages 31 to 34, and a boy".
ASIDE_OPENERS = words("who whom ages aged age both each all")
COUNT_NOUNS = words("number total tally count figure toll")
PRONOUNS = words("it he she they this that these those we you i who which")


# Ordinals that place one victim among others: "a fifth person", "a fourth was treated".
ORDINALS = {
    w: n
    for n, w in enumerate(
        ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
        start=2,
    )
}
