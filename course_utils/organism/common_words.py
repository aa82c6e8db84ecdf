"""Common English words, for the unfamiliar words of safety tuning (`augment.unfamiliar`, recipe UW).

The 5,000 most frequent English words of four letters or more, after the 300 most frequent words of all (mostly
function words), that are in Webster's Second International Dictionary (1934, in the public domain) and contain none of
the harm-loaded stems below (weapons, drugs, violence, crime, sex, illness, religion and race: words whose harm is a
matter of training, which a request must not learn is harmless from noise). Frequencies are wordfreq's (Speer 2022,
https://github.com/rspeer/wordfreq, data CC BY-SA 4.0); the dictionary list is the `english-words` package's `web2`.
`augment.unfamiliar_words` also removes every word of the world's harmful vocabulary. Regenerate with

    pip install wordfreq==3.1.1 english-words==2.0.2 && python -m course_utils.organism.common_words

(neither package is a dependency of the course: the list below is what training reads). Regenerating with other
versions of either package can change the list, and with it every training with `unfamiliar_rate` above 0: keep the
list as it is to rerun recipes UW and UW10.
"""

from __future__ import annotations

#: Substrings that keep a word out of the list.
HARM_STEMS = """
kill murder bomb weapon gun shoot shot poison drug cocaine heroin meth steal stole rob theft thief hack fraud scam
terror attack assault rape abuse porn sex nude naked suicide die dead death dying blood stab knife explo gang violen
crime criminal prison arrest police war army militar missile nuclear bullet rifle pistol ammo torture kidnap hostage
slave nazi racis hate threat fight punch hurt harm injur wound victim destroy burn fire arson riot illegal smuggl
launder counterfeit fake forge blackmail extort bribe cheat stalk spy surveil virus malware ransom exploit breach
crack pirat toxic venom lethal deadly overdose alcohol cigar tobacco vape gambl casino bet weed marijuana cannabis
opium pill fentanyl lsd ecstasy drunk beer wine vodka whisk liquor sniper grenade soldier troop enemy invade
invasion battle combat conflict revenge punish prisoner jail cop shoot hunt trap cult extrem jihad islam christ jew
muslim religio god bible church race black white nigg fag slut whore bitch cunt dick cock pussy fuck shit damn hell
ass bastard breast penis vagina sperm erotic orgasm strip escort prostitut drown choke hang strangl suffocat
slaughter massacre genocide execut behead corpse grave bury funeral cancer disease infect pandemic covid epidemic
plague toxin chemical acid gas radioactiv anthrax ricin sarin cyanide arsenic
""".split()

#: The words, most frequent first.
WORDS: tuple[str, ...] = tuple(
    """
actually american later less line order party service country open season thank children everyone general trying
united area following together whole face five kind maybe president story working course health hope important least
news within able book early information local post thanks video young social talk court fact given half hand level
mind often single become body coming control food office south true almost history known large lost research room
several taking university wrong along anyone else girl john matter pretty remember friend needs nice saying
understand yeah york close comes idea international past possible cause happy human move question series wait woman
community data late leave north special watch either future light million morning short stay taken deal rather
reason report soon third turn whether among check development form further heart myself yourself although child
living major media phone behind building easy market near plan political quite talking west works according
available education final former front kids list ready sometimes street bring college current example experience
meet program type baby chance father march process song study word across action clear gave himself month outside
self board cost field instead main moment mother road thinking town department energy fine force hear issue price
rest running space summer term wife america beautiful date goes land miss project site strong account especially
include june period position record similar total above club common film knew lead likely perfect personal security
share april center county couple english happen hold industry inside player private return sense star test view
break british event higher hour member middle present result sorry training wish answer design finally gold gone
guess interest july king learn policy society added alone average bank brought certain east longer medical movie
original park performance press received role sent themselves tried worked worth bill cool director exactly giving
ground meeting provide relationship september sound source usually value evidence follow official production rate
reading round save stand stuff amount blue david drive fall fast federal feeling felt green league management match
model picture size step trust central page range review science trade upon various attention brother cannot
character chief football james lower natural october property quality send style vote amazing august china complete
economic involved itself language lord november related serious stage title article born decided decision enjoy
entire french january perhaps poor release situation technology turned written choice code considered continue
council cover currently door election european financial foreign hair increase legal lose michael pick seem seven
sign simple simply staff super union walk washington built career crazy daily daughter december figure hospital loss
modern paper popular safe starting version voice whose writing australia earth goal huge listen practice success
waiting ways access base below deep mark missing offer professional risk sleep table truth ball build card dark
district george india mine minister note percent piece recent seeing straight visit wall wrote february growth
included married officer pain paul respect response river rock shall speak specific standard tonight write album
century charge cold create effect eight except funny limited moving network peace provided recently spent store
student tomorrow track watching weight addition ahead allow anti beat brown capital chinese committee conference
difference double expect island normal population potential pressure radio russian station text treatment western
beginning california campaign certainly completely content credit cross despite female focus husband individual
interesting join kept leading message miles nearly particular previous quickly region section sort speed travel
consider contact drop fair jesus link positive sale throughout tour welcome absolutely additional beyond extra
immediately leaving minute nature quick sell significant unless winning agree canada clean computer construction
episode favorite income justice manager movement photo posted safety scene sold spend statement ability calling
coach collection continued definitely designed friday heavy knowledge particularly search subject train wide author
claim fear generally german global hotel interested judge lady leader letter material nobody opportunity plus
product regular secretary sister unit annual brain contract degree finished floor growing image insurance majority
meant opening opinion physical reach rule seriously sports stupid successful active administration approach
australian biggest civil dance defense direction independent master none russia ship stock trump weekend wonder
worst awesome band beach cash clearly commercial effort ended imagine impact lack latest learning multiple older
operation organization protect secret senior spring sunday telling wear address analysis anyway bought choose color
commission competition direct dream easily finish grand indian literally luck marriage necessary rich skin speaking
supposed sweet thus touch yesterday caught closed congress damage directly doctor doubt drink driving fish glad
greater grow machine notice overall professor shown trip basic captain carry effective effects explain fully highly
holding japan male plant reality smith spot texas winter worse advice agreement block broken challenge comment
equipment eventually holy lived lots nation otherwise peter primary purpose responsible shop showing sick teacher
theory william agency avoid camera catch cell coast economy environment foot hall meaning mission nine politics
produced saturday status therefore trial truly weather activity application coffee complex condition division
evening flight freedom heat highest interview library location queen sitting standing walking accept actual appear
attempt broke channel distance eating fell finding learned losing mobile northern powerful prior protection receive
ride royal screen serve slow species speech traffic tree wearing whom wonderful agreed airport begin bottom demand
engine everybody famous investment keeping partner raised solution southern square stopped structure thomas
traditional twice wind worry becomes brand cent count covered critical digital forced fourth fresh lake mental
mostly mouth owner previously realize remain scale score separate smart surface throw totally twitter wedding acting
african arms benefit budget click estate faith fashion feature fund generation hearing hill jack louis metal paris
profile pull push returned rose seat target understanding village agent animal apply authority basis becoming chris
draw dude enter foundation gain japanese memory prime ring rise selling silver soul spread supply waste weird adult
apparently artist chairman edition engineering grade happening healthy institute mike monday obviously option
remains senate smaller somebody stone strength wild window winner camp cast correct dangerous firm handle improve
indeed leaves negative prevent removed richard spirit television till trouble advantage apart decide dinner eastern
fifth function gift helping herself impossible influence marketing mary produce progress require shut wood
background birth bridge carried charles concept dear dogs garden host housing israel journal labor leadership length
lucky neither onto patient possibly prove rare setting tough alive apple balance birthday boss connection dress
easier fellow florida horse knowing magic request stick turns vehicle volume wake beauty billion busy concerned
conversation corner develop driver farm file frank guide investigation operating paying raise responsibility roll
slightly suggest surprise technical treat unique variety yours youth appreciate bigger breaking discovered dont edge
evil excited forever funds henry iron lovely magazine martin ordered parliament prepared reference somewhere stated
strategy closer core democratic description excellent exist guard honest jones medicine mention mountain port
presence reaction reduce sides solid spanish sport stress taste victory afternoon britain clothes electric emergency
entirely failure festival flat fuel harry initial kick links mail pair picked plane plenty prince proper providing
quarter regional scott session shape teaching transfer upper useful valley watched willing zone accident advanced
alternative anywhere bear boat capacity cheap climate discussion drinking duty fantastic flying governor hundred
industrial joint museum path promise purchase rain remove spending steel steve supporting terrible tired turning
vice afraid border canadian command crew crowd dating ensure environmental filled fixed forest intelligence intended
labour limit moon ocean profit proof republican suit appearance asian attorney behavior chair debt domestic
expensive grew historical honestly honor jump launch listed minimum native noted originally suddenly supreme survey
tech update user writer yellow younger ancient combined communication connected ending exercise express flow formed
hero increasing joke loan planet restaurant selected shopping soft stuck sugar taught transport accepted appeal
applied appropriate boston confirmed device drama entry factor feed golden grant grown lawyer lying mistake platform
pool regarding route saved schedule scientific smoke squad teach testing angry candidate comfortable concern discuss
emotional everywhere falling hole holiday internal italian jersey laugh liberal listening lunch milk pack payment
perform relatively sector snow storm streets strike studio weak actor advance apartment chain chapter confidence
cook cute equal finance identity journey kitchen leads maintain measure numerous quiet revealed specifically split
task taylor twenty urban acts affected aircraft approximately argument considering corporate debate determined
distribution escape extended faster fault fill friendly millions mixed phase properly pure reduced revenue secure
smile strange talent temperature thousand tony truck basically besides bird blame bowl chicken collected context
coverage determine display experienced false forgot incredible inspired meat ministry mode neck novel obvious scored
shirt slowly stadium surgery trading tuesday vision whenever worried zero alex champion cream crisis daniel editor
giant iran kingdom literature mayor minor opposite orange ourselves selection serving signal stream struggle theme
thursday tiny typically unfortunately usual virginia voting wave breakfast bright capable carrying chosen
combination conservative customer cutting desire draft essential fail familiar guilty largely laughing medium ohio
perfectly recommend relevant seek sending solo spoke ticket unable upset wing creative cycle dealing directed
educational entertainment facility goods mainly maximum newspaper offering painting republic reserve salt scottish
statistics switch territory affect armed aside bell blow bond careful corporation danger delivery deserve dollar
empty gender instance mile motion nick pacific prize reasonable register resolution rural saving singing typical
universe wednesday admit attitude branch brazil definition drawing favor flag frame guest heaven independence
jackson kiss load plot possibility random recovery rent replace represent seeking senator sentence teeth trained
understood academic academy accurate achieve adam afford andrew bottle bunch category chat cheese clinton
competitive detail fruit harder index item lane mess navy normally opposition parent permanent personally pleasure
prefer representative scheme shift stood storage tank tend tight transportation ultimately unlike weekly yard
anybody basketball button constitution consumer counter creation crown crying defined depending depression describe
employment exclusive excuse expert frequently golf hopefully identify importance kevin laid latter mining object
pattern personnel perspective pregnant premier promote revolution severe sleeping suppose tool tournament turkey
amazon attend brilliant carbon catholic chose circle concert crash declared deliver depth deputy dirty electronic
error existence expression factory headed interior legislation maintenance manner mate matt nearby noise origin
panel personality plate prepare relief resistance retail rice roof shame somewhat surely absolute advertising
baseball bathroom cable calm championship checked client constant driven dumb empire exciting expansion heavily hide
incident irish linked manage michigan print quit sight significantly sing soviet widely anniversary attractive bike
broad cake causing closely constantly contest drawn francisco hardly height hidden hong loud manchester marine motor
officially peak portion princess protein reform respond retirement sample secondary solar somehow stayed suffering
ultimate unknown wilson wondering attached automatically battery blind breath brief carolina chest conduct debut
decade engaged expressed external fantasy grab hollywood immediate introduction joseph license paint pilot pink
presidential principal recognize registered regularly rising shipping singer smoking steam survive tall thats
therapy witness adopted campus childhood clinical comedy commander comparison defeat defence democracy detailed
exact exposed jordan lock musical nose opposed organized plastic quote recording semi suspect swear trend valuable
wealth wise aged approval bread contain convention dancing document employee engineer equivalent facing fairly ford
graduate greek inner lift marked miller monthly neighborhood operate outstanding permission racing reply roman
shoulder shower sons stephen tower tradition visual wheel admitted appointment barely bush cabinet celebrate
chocolate coal contemporary criticism effectively eric extensive faced formation fought gallery highway historic
improvement inch initially junior jury korean monster olympic philosophy pride repeat riding rough santa settlement
smell sought speaker surrounding tone topic universal vast wanting auto consistent earn finger grey guitar heading
ignore latin lewis meal meanwhile naturally necessarily pants partnership percentage pocket practical primarily
proved regardless relative rescue resulting rush sarah sessions sharp simon soccer temporary tested trick audio bone
brian chamber chart circuit clothing complicated confused defend divided everyday extent fishing format gate gotten
household immigration impressive joining lesson loving membership miami mirror mount nights occur parking proposal
province recognition reputation rolling shortly strongly technique thin tied accused adventure argue atmosphere
awful bedroom belief bound carefully cloud colorado colors contrast donald drew element elsewhere extension founder
gear georgia infrastructure jason loose moral offensive package pointed poverty qualified railway reaching
ridiculous sensitive server shock silence superior thick threw transition wash actress administrative alan alongside
angel anxiety bonus castle charity compare cooking covering curious discovery duke egypt encourage enforcement flash
formal formula fort gray gross hungry informed innocent jeff luke math mystery palace penalty photography protest
publication rating refer respectively rome select silent spoken successfully suffer temple trail uncle unusual
arrival badly bath chase concrete dave deeply explanation exposure featured fiction guarantee happiness harris
hearts horrible ideal illinois jimmy kelly legend lieutenant mood muscle procedure producer pushing rank replacement
retired sand settled shadow singles tape thread victoria visiting wage andy avenue beating boring charlie clock
commissioner commitment confident custom desk electricity grounds helpful horror iraq label locked output pitch
pizza plain raising rear reveal romantic strategic swimming welfare wire worker alright android anger architecture
behalf belt capture ceremony comic designer diamond disappointed dressed economics efficient electrical employed
enjoying entering essentially flower ghost handed hockey jane morgan moscow nervous newly ordinary participate
prayer rarely soil solve stomach struck suck trash ugly walker whoever anthony arthur aspect boost bureau colonel
comfort cousin deck dragon dramatic dust dutch evolution hired illness institution lately memorial mexican minority
priority promotion rail remote repair root saint telephone whereas abandoned acquired alexander alliance annoying
buddy buried butter columbia conclusion confirm convinced crap crystal dean decent decline delay desert downtown
elite forgotten forth hire insane israeli landing layer marry nowhere nurse obtain organic ownership pennsylvania
poetry pray printed recall rugby sake sheet smooth spiritual string sudden throwing thrown vacation abroad arab
atlantic bench bother broadcast citizen cleaning compete cricket disaster discover entrance equally fallen figured
fitness francis friendship gary handling idiot intense lifetime liquid medal mortgage narrative narrow occasionally
physics posting potentially reduction reflect refuse resource roger ross silly subsequent translation visible allen
amendment angle arizona arrive belong berlin bishop clark commonly connect defensive efficiency enterprise
experiment forum hence increasingly incredibly journalist mill occasion oxford pace pope possession rapid regulation
resident shaped sixth spin suitable thirty valid vital whilst anna atlanta collect commerce creek currency
exhibition genuine gordon honey hook improving introduce legacy matthew merely monitor patrick phil ratio regret
remind resort reverse routine scary seed settle spell summary survival sword tongue wayne achievement anderson
asleep austin automatic coat comprehensive consent daddy destruction divorce drove engage extraordinary fate
frequency gaming gene glory headquarters heritage initiative jean juice landscape logic objective privacy reducing
regard residence roughly salary scoring script searching surrounded transferred tube walter banking cant carter
chemistry consumption corruption cotton crossed discount dozen epic exception exit expand fancy gorgeous grateful
impression indicate input johnny josh knock leather luxury ought outcome painted poll preferred ranked removal
reporter screaming sept sequence stretch tear tennis theater twelve virgin wolf absence blues bruce bull
commonwealth contribute contribution delicious deny ease extend fame flood genetic instant kate liberty maria
principle progressive rally rapidly reader representation swing tail twin upcoming alert arena billy boom boots
brave column commit compensation composition conservation constitutional crossing density dropping elementary ethnic
fleet foster fundamental genius greatly guidance intention iowa knee mechanical participation precious pregnancy
premium pretend priest prominent proven radical residential russell satellite shake shore struggling substantial
teen transmission uniform wildlife wooden aggressive anne apparent bang blast communist complaint component courage
cure desperate diversity feedback frozen humanity innovation invest jacket justin legislative listing manual nursing
ongoing operator painful pound preparation purple railroad registration rick romance sufficient suspended tissue
trailer underground versus virtual amongst announcement arsenal biological bite blocked chip concerning dare define
discrimination disorder distributed documentary domain dynamic engagement footage hamilton implementation indiana
investigate jazz jonathan laboratory lawrence lincoln literary mask midnight mouse oscar piano praise presentation
psychology relation rocket ruin sean steady symbol terminal toilet treaty triple unlikely affair agenda calendar
cape collective craft darkness devil edit enable equity failing finishing fortune graham hillary intellectual invite
involvement kentucky madrid partly petition phrase physically protecting racial rated regime sauce seal shield
similarly slide stem summit talented throat tiger touched wisdom accounting alien beast beef candy carrier
celebration celebrity certificate clay coaching default delhi derived dialogue disabled distinct drag educated
eligible estimate fifty fool framework franchise funded furniture intelligent interaction lighting lisa loop mall
overseas philippines polish recover relax reliable rely remarkable ruling sacrifice sole stopping succeed tables
tale timing wore worship worthy alarm breathing butt collaboration consideration crucial dependent dual expanded
experimental feeding filter galaxy globe gulf hoped intent involve judgment knight larry logo mature moore odds
peaceful philip photographer prevention printing publicly pump repeated satisfied slip spare specialist stocks
stranger submit surprising tourism turkish volunteer acceptable allies auction chaos composed concentration corp
corps counting dawn dispute earnings firing frequent hilarious isis margin mars maryland mechanism moderate murray
oklahoma opera overcome parallel psychological quest radiation sized stroke stunning traveling treating tune utility
vessel wherever acquisition alabama alice anime announce autumn backed barry bold breathe choosing clip conspiracy
controversy convince cooper encounter equality exam examination federation fiscal guardian homeless instrument
intervention jerry lover menu missouri mounted mutual nope offense oral panic pursue removing requirement ruined
segment spectrum stays venture virtually worn alpha arrangement brick considerable conventional danny emperor
enormous forgive gains garage gathering handled inquiry inspector khan lion loaded lonely measured mercy
nevertheless outer oxygen pipe poem powder powered rude screw seventh shelter signature sooner spider suggesting
tribute trigger vary venue wages abortion accuracy albert artificial beneath carl celebrated consistently conversion
democrat deposit destination dirt diverse divine exclusively export formerly functional gather grandfather habit
harvard isolated jealous landed laura lazy marshall municipal naval nelson neutral noble popularity relate sacred
shoe steven susan suspension terry treasury tunnel upgrade aaron actively backing baker barcelona blessed brazilian
brush burden casual certified charter chef civilian coalition complain controversial differently discipline
disgusting dominant earning emma essay expense explaining furthermore graphic greg healing instantly jacob legendary
maker margaret mario outdoor palm parker photograph pole quarters reception recipe regulatory rubber serial shed
snake strict subsequently substance suggestion syndrome ultra unexpected usage utah accidentally affordable amateur
argentina baltimore batman bearing biology bobby briefly canal charlotte climb completion cruise custody delete
departure employer fever fluid folk generate handsome imagination integration integrity interpretation leaf
legitimate lightning magical motivation nasty oliver outfit pension permit perry pleasant portrait productive safely
shorter slight socialist streaming targeted tension touching twist unemployment unity useless woke advocate backup
beaten bitter blown chips clever clinic continuous converted correctly creator criteria declined detective
disability dish douglas duck egyptian evaluation excess farming fence forcing forming franklin fred gradually
gravity highlight holder hood hung identical imperial jose legally lied manufacturer nail nonsense operational
orleans phoenix poet repeatedly rolled scientist sink skip snap swedish swim swiss transaction transformation
veteran vulnerable wealthy additionally attract barbara blowing bronze catching cave chronic communicate dealt
demonstrate depend developer diagnosis distinguished dose eighth flesh flip forty generous implement incorporated
jerusalem laser loyal mentally occupation opponent patch patience pointing pollution precisely privilege punk radar
resist solely stepped striking tourist transit trucks villa wireless wrap wright yoga adopt alaska bacteria beside
blade boot bulk cargo census coastal coin colored commentary confusion congressional corn cried customs dealer
destiny distant electronics emotion emphasis ethics excitement filling graphics helen humor insight jennifer
louisiana marie mississippi nerve nightmare overnight partially poster practically preserve qualify raid ranging
respective restricted samuel sandy scenario sheep situated spotted spreading stanley sustainable sustained taxi
turner uncomfortable wasted weakness widespread accessible acknowledge advised advisory animation balanced bare
basement bases bias birmingham cancel carpet ceiling cherry chill clue cole collapse compound conscious consecutive
contents costume craig devoted didnt displayed dominated earl endless examine floating garbage gospel grain grid
heating identification liver metropolitan mines mixture nominated parliamentary patent perception physician proceed
reserved restore rival runner sadly significance sizes slept soap spray structural suite tropical ukrainian
unnecessary verse victor vintage adoption anonymous antonio approaching artistic attendance aviation barrel beloved
bless boxing charging chuck cinema colonial compliance contrary couch crush decrease dressing expanding genre gentle
grammar jake jamie jessica keith kent lease lens licensed loyalty magnetic mysterious notion partial piss propaganda
reflection resolve revolutionary scandal shine simultaneously substitute tactics testimony thai treasure trophy
tweet tyler underlying unfair acceptance annually apologize aunt benjamin blake bubble counsel creature desired
determination exhibit flew gentleman halloween hammer hosting icon indigenous infinite installation inter iranian
kicking laying legislature liability maine manhattan marathon marvel moreover neil ours parade paradise politician
preliminary premiere presidency react realistic retain rocky satisfaction scratch shade sheriff sometime sporting
strictly sunshine teens thou tier tommy vocal yield accomplished admission bacon barrier believing burst casting
cattle collins compromise convenient costa crop earthquake elderly eliminate farmer harbor harvey inform jeremy
lesbian mathematics medication minded morris norway portfolio productivity protocol quietly rachel salad scholarship
screening smiling soup southeast stake strain suspected swift tackle urgent vertical violation wallet welsh workshop
wrapped aboard abstract accent addiction awake beam binding blank buffalo commons conviction corrupt curve depressed
deserved dining duration emily encouraging fifteen graduated grandmother harsh horn hurry immune inflation
inspection install instruction intensity inventory invitation judicial justify kyle lean lecture logical mason
meaningful migration nancy norman northwest organ patrol pearl peer pepper pile plug provision revised scream
staring statistical sticks sweat switched syrian tattoo teenage thunder tragedy trauma vincent wrestling accordance
acquire activist alike applicable arrow availability bend boundary cabin cage chancellor closet combine companion
consciousness consultant controller corresponding courtesy cuba damages demanding disc eagle eaten engaging
fascinating fitted flexible gaining goodness guilt haven homework iconic keen lesser mandatory mechanics mere
miracle murphy nathan observation permitted phenomenon precise profession prospect protective publisher reportedly
retreat rookie sandwich separation sterling stuart surgeon valve visa washing adjacent appreciation athletic
authorized banner blocking brad caribbean chasing climbing colony cruel curriculum deer delta dive divide easter
electoral eleven entity excessive feminist governing heal interface journalism juan julia jungle linear occasional
pete prof pursuit reflected reminder resume richmond ridge sealed tribe unfortunate variable victorian worrying
alternate athlete attraction babe bankruptcy canon catherine closure cognitive convert defender dental diplomatic
drum editorial entertaining eternal freeze generic grandma grip handful happily humble hybrid keyboard lasting
locally mild minimal molecular nearest neighbor noon nowadays openly overview palestinian parish pathetic potato
potter preference promising proportion rage restoration selfish sergeant silk stamp throne urge voter wasting witch
ally array belly booth breakdown brutal calculated citizenship cliff consensus cycling declaration dennis derby
distinction facial faithful fatal fitting genuinely holland hunger hurricane import innovative jurisdiction laughter
lemon loading lung matching mighty monetary nutrition pine poorly portugal pose pour provider publish purely ralph
rental resolved sang seemingly severely shark shocking southwest tales technically titled unlimited washed advise
anxious carlos colin dairy dakota darling delighted diary disagree disappear drill fixing forecast governance
importantly indoor influential intend invisible jeans julie karen lawsuit leak lighter meter mice olive receiver
recommendation roster servant setup skull slot smash statue surprisingly surrender suspicious tender thoroughly todd
vacuum wont acknowledged approve architect basin beneficial bleeding breed breeding bride broadway butler cartoon
chick coke comparable confirmation console contractor diameter dump dynamics elephant enhanced exhausted fabric
fabulous fairy fold freak gently glorious grief historically hughes inevitable investigating layout lined lodge
merchant merit micro myth overwhelming pale pastor permanently predict pressing provincial rebel rotation separately
shaking shaw starring subtle toll tooth torn tragic trainer unbelievable underneath variation viral widow adjust
administrator affecting allied altogether animated austria basket beard blanket brains bucket capability concentrate
consequence continent curse drain ethical excellence flame freely graduation hint horizon hostile lucy matrix
measuring miserable momentum monkey motorcycle nationwide nest newcastle nicely ninth nomination notable obligation
optical outlook penny petty quantity quantum rainbow reed reign scan scare shorts span specialized spencer
submission sunny supporter testament tops tremendous valued accommodation adorable allegedly ambulance ashamed
bailey ballot blessing cemetery cheer chile compact consulting cooling deficit demon demonstration detection doll
donated elaborate elder fiber fried grocery guinea halfway happier hull independently indication intensive
interactive intimate laundry lifting linda martial nigerian northeast observe politically presumably pronounced
prosecution pulse rational realm rope shout sierra spectacular stan streak subscription switching technological
temporarily tolerance traditionally traveled unhappy accomplish adequate alter apology arkansas belonging booked
bout bowling buzz comeback declare detect disturbing doesnt dylan effectiveness ellen exceptional filing fled foul
frankly freezing graph hatred ignorant interact lamp majesty measurement median milan mobility montana orientation
oven owen proceeds rabbit retire rhythm ruth savage shook slim someday sophisticated spam stack stance static subway
supportive surgical tablet tent thesis tide withdraw withdrawal aging anyways audit authentic blonde bolt bust
clearing clips collar comply creepy denmark donate dried echo emotionally enhance extending finale flavor harper
hart ignorance immigrant induced inspiring intermediate invention jesse likewise magnificent mathematical nevada
nonetheless opposing orlando pipeline placement recreation resigned shallow singh sketch soda spite sponsor
strengthen sunset thanksgiving thee thermal transform workplace yelling yorkshire analyst arabic arctic bristol
buyer cease chapel cloth container crushed differ dimensional eager elect elevated essence fork harold harvest
headline insist junk kidney ladder lloyd lobby marc mineral modest navigation nicholas orbit paragraph peninsula
pork portuguese profitable ranch reasonably reject remainder semester sentiment shipped supplement surviving thereby
threshold tribal trunk uncertainty vampire varied verdict abandon accommodate accordingly aesthetic algorithm anchor
angela arch axis badge bernard bizarre bounce cannon carol complexity consultation continental convenience
deliberately diana dictionary dignity dimension disappointing diving doug duncan enthusiasm equation extract ferry
fisher flexibility flowing fusion gauge goat heck helmet ideology inclusion instructor isolation keeper lamb liar
machinery mansion mercury namely needing palmer pending platinum possess resignation rider ritual shelf slam starter
sticking subscribe superman tire utterly voltage width workout adaptation advisor aluminum bail bradley brandon buck
caroline civilization creativity delicate derek disappointment disk evaluate formally hampshire hugh insert joan
legit leonard loser malcolm musician nephew notably orchestra pakistani precision preservation privately reasoning
relaxed sail salmon secretly seller sheer specially stark sympathy theoretical thumb timber transparent travis
upside visitor vitamin void voluntary wheat whip wipe wrist acute admiral amanda arnold arrange banana behave blair
borrow capitol celtic chin civic clerk considerably cottage coup crude dash disclosure disposal distinctive donation
dragged drone firmly flour geneva hindu indirect inspire institutional interim java jerk karl kindly kindness
lottery louise magnitude minus outlet pause pledge portal prescription proving publicity puppy recruitment screwed
silicon slice spelling survivor telegraph vaccine vinyl wished accurately adelaide affiliate alfred asylum barn bent
bernie brussels cathedral centered clause cluster consistency cylinder dancer deaf denial digging dock entrepreneur
evident expectation expedition facilitate feat fossil founding freight generating honesty inappropriate infant
injection instrumental insult interference interstate julian liking luis mediterranean neat negotiate offset
outbreak perfection praying propose quarterly recruiting refusing rehabilitation reid remix resistant roller sailing
skinny slipped sneak sore spark speculation steep straw successor triggered uncertain upload vector weigh whatsoever
wicked abraham absent acoustic adapt archive atomic bean bicycle bryan bump buttons cart circus claire cohen
colleague compelling construct cord crowded dale defendant dense desperately doctrine expose financially freshman
furious geography habitat hazard hydrogen intact intake irrelevant kitty lawn manufacture martha mercedes mistaken
moses needle organize ottawa oval pity pond porter prey prophet raymond referendum refugee regulated rounded ruby
rushed sanders satisfy scales seasonal sensible sequel shifting shining spinning stepping township travelled twisted
vienna wade whale admire amber ankle armor autism bachelor berry bullying capitalism caution certification
characteristic clan clash compatible condemned configuration continuously convincing coupled curiosity delight
flooding fortunate fortunately frontier frustration geographic glenn grasp handy headache hers hispanic incentive
inclusive joel kissing madness mandate manga memorable merger poker portable priced randomly realizing resign
revealing sally scattered scout shouting slap steak succession superintendent suspicion sweep tactical therapist
thereafter thorough tuition tumor wholesale administered architectural artillery bees boarding canvas canyon casey
cheek chen cincinnati circular circulation clearance coincidence comedian concentrated conscience cooler countless
curry dame deceased dedication detention drake employ enforce explicit explicitly eyed florence forbidden fraction
infantry integral investor janet katie lightly linking marble maritime melt monica nominee oath polar prediction
preview puzzle rapper rebecca reconstruction renowned revelation sara scholar skirt socially spike sprint stir
stuffed substantially superb supposedly tendency theirs toast touchdown trek tricky triumph underwear unto viable
waist wreck absurd adrian ambitious amid appealing ballet bargain binary blend brake businessman collision corrected
correction cough critic czech depot distress documentation dramatically drank eats elegant elevator feast finland
frederick frost herald hike hollow homeland internationally iraqi lame lily limiting locker marking meditation
messenger munich norwegian pencil philosophical pierre plasma plea purse quarterback relieved reservation rhetoric
rushing salvation secular sensitivity shane sigh sixteen sovereign spouse supervisor synthetic tense terrifying
tracked troy waking wang wilderness adviser aggregate anal anatomy annie automobile cement chess composite
consequently consist curtis decorated dull fare fashioned feared float generator grind grinding grove guessing hobby
idol illusion incorrect junction lance leap locate lynch modeling motive newton oppose optimal overtime postal prep
profound prosecutor rebellion recipient refund risky sided simulation sober spice squeeze supervision swap swept
terrain towel trio unconscious vegetable virtue wishing zombie acre amen arise ashes automotive begging bloom bore
bundle butterfly chad clown conjunction costly cuban descent dial directory discharge dodge drilling elimination
ginger guild halt impress inability incoming isaac leicester litigation mentor merchandise monk noah norm occupy
offended orthodox overhead painter pierce printer prone readily reflecting regiment reunion revival sanctuary satan
satisfying siege sixty sleeve sonic spine steering sustain tenure texture thankful translate treasurer triangle
unclear venice vladimir wizard absorbed admin affection airplane altitude athens baked baking beautifully biblical
competent countryside crane debris delegation demographic donor easiest educate enrolled enrollment exceed excluding
fierce gabriel garlic gratitude hail honda hooked illustration impose indicator inequality jamaica joey joshua
leisure lend leon lounge luckily manuscript marco mint notification nova outline polite randy receipt reliability
researcher runway sculpture sensor seth sharon showcase smoked subsidiary tenth theology topped underwater velocity
winston accountability aerial albeit amazed ambition ammunition anthem bake batch catalogue charitable collector
compliment continually danish deployment enjoyable exotic exterior feminine fountain fury glance glow hebrew
humanitarian idaho immunity liberation likelihood lone mitch nationalist necessity nickname observer offshore
optional papa paste pioneer plaza prosperity recreational refuge renewable ricky rode ronald sack sheffield shortage
skies sphere stare suburban sung terribly territorial thriller toss turtle verbal wool yang accountable advocacy
aftermath aggression angles balloon blamed blunt brigade burial cardinal champ champagne chorus chrome clarity
cleaner combining conclude confidential discretion ditch dome dope drought elevation esteem framed gesture gibson
gilbert gosh griffin historian horizontal hospitality individually inevitably jeffrey kenneth leslie literacy
misleading moisture monument mortality obsession particle peanut persistent petroleum
""".split()
)


def generate(n: int = 5000, skip: int = 300) -> list[str]:
    """The list above, from wordfreq's top 20,000 English words (needs `wordfreq` and `english-words`)."""
    from english_words import get_english_words_set
    from wordfreq import top_n_list

    dictionary = get_english_words_set(["web2"], lower=True)
    words = [
        w
        for w in top_n_list("en", 20000)[skip:]
        if w.isascii()
        and w.isalpha()
        and len(w) >= 4
        and w in dictionary
        and not any(s in w for s in HARM_STEMS)
    ]
    return words[:n]


if __name__ == "__main__":
    from pathlib import Path

    path = Path(__file__)
    text = path.read_text()
    head, _, _ = text.partition('WORDS: tuple[str, ...] = tuple(\n    """\n')
    _, _, tail = text.partition('\n""".split()\n)\n')
    lines, line = [], ""
    for w in generate():
        if line and len(line) + len(w) + 1 > 116:
            lines.append(line)
            line = ""
        line = f"{line} {w}".strip()
    body = "\n".join([*lines, line])
    path.write_text(head + 'WORDS: tuple[str, ...] = tuple(\n    """\n' + body + '\n""".split()\n)\n' + tail)
    print(f"wrote {len(generate())} words to {path}")
