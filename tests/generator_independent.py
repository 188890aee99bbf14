"""A second generated handbook with known answers, written apart from the index.

It stands in for the issue's own generator, which we never see: its author (a helper of the
December 2026 session) read only GUIDELINES.md and the real chapters, not the index, its
vocabulary or tests/generator.py, and chose their own verbs, objects, synonyms, aliases and
contexts. ``python scripts/benchmark.py --index --generator tests/generator_independent.py``
prints the index's figures on it; test_dedup holds them. Its vocabulary tables are long
lines of data (E501 is off for this file).

Identity: truth = "<canonical action>|<canonical object>" ("seek|feedback"); manner techniques: "listen|actively".
HOW CONTEXT COUNTS (GUIDELINES: "A condition or context in front does not change that"; a technique and a narrower
one are at most `related`, which is unscored): context NEVER counts. When / where / with whom ("before a conference",
"every quarter", "for a career fair") is added, dropped, or moved to the front ("Before a conference, ...") within one
truth. Purpose clauses ("... so people remember you") are explanation, not identity.
WHAT COUNTS: the action (seek vs offer, accept vs decline, attend vs host vs speak at vs submit a talk to, join vs leave
vs renew membership, create vs delete) and the object, including modifiers that change the thing (follow-up email /
cold email / thank-you note; contact list / contact log / guest list; event checklist / event plan / event budget;
former manager / skip-level manager). Modifiers that only narrow ("short bio", "local meetup") are never generated.
SAME TECHNIQUE, OTHER WORDS: per-action synonyms in VERBS (update/refresh/revise/bring up to date; review/look over/
revisit; draft/write/write up; share/pass along/circulate; tailor/customize/personalize/adapt; seek/ask for/request/
look for; offer/give/provide; attend/go to/show up at; volunteer at/help out at; prepare for/get ready for/do your
homework before; schedule/book/set up/arrange; check in with/touch base with/catch up with; reconnect with/get back in
touch with; contribute to/participate in/take part in/be active in; decline/turn down/say no to ...), object aliases
(CV, job fair, 1:1, thank-you card, ex-colleague ...), determiners/plurals, "list of guests"/"notes from meetings",
gerund form, wrappers ("Make it a habit to", "Don't forget to", "Always", "Consider ...ing"), and hand-written variants
of well-known manner techniques ("Listen actively" / "Practise active listening" / "Active listening").
KEPT OUT ON PURPOSE (an editor could call them the same or merely related): bare "Follow up", "thank <person>",
"polish" beside "update", "publish" beside "share" on one object, shorten/simplify or organize/tidy up on one object,
"read up on <event>" beside "do your homework before <event>", "connect with" beside "reach out to", "progress update"
beside "keep <person> informed", "congratulations/welcome message" beside "congratulate/welcome <person>".
_check() asserts that no wording core (verb form + object form, or manner variant) belongs to two truths.
CLI: python tests/generator_independent.py N OUTDIR [SEED] -> NNNN-<slug>.md + answers.json ("<file>#<1-based position>": truth).
"""

import bisect
import itertools
import json
import os
import random
import re
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    text: str  # the technique as the chapter states it (one list item)
    truth: str  # its true identity, "action|object"


# CLASS tag|object pattern|items   ('*' = mass/plural noun; '_' = space inside a modifier; entries also split on " ~ ")
OBJECTS = """DOC list|{} list|contact,guest,mailing,reading,target_company,speaker,alumni,client,vendor,sponsor,volunteer,prospect,reference,podcast_guest,mentor_match,investor,media,panelist,mentee,donor,partner,holiday_card
DOC log|{} log|contact,networking,volunteer_hours,expense,learning,outreach_call,mentoring_session,coffee_chat,event,feedback,gratitude,speaking
DOC tracker|{} tracker|referral,follow-up,job_application,introduction,goal,outreach,speaking_proposal,sponsor_pipeline,certification,award_nomination
DOC template|{} template|outreach,introduction,meeting-request,follow-up,feedback-request,recommendation-request,event_invitation,thank-you,congratulations,reconnect,cold_email,LinkedIn_message,speaker_invitation,sponsorship_request
DOC checklist|{} checklist|event,conference,onboarding,travel,speaker,pre-meeting,trade_show,webinar,workshop,career_fair,mentoring,hackathon,offsite,first-day,post-event,panel,booth,podcast_guest,reunion
DOC plan|{} plan|networking,mentoring,outreach,event,career,learning,communication,sponsorship,content,visibility,alumni,community,volunteer,reconnect,conference,speaking,onboarding,exit,return-to-work,90-day,relocation
DOC notes|{} notes*|meeting,call,mentoring,conference,interview,workshop,coffee_chat,panel,webinar,one-on-one,networking,career_fair,client_call ~ DOC calendar|{} calendar|event,content,conference,speaking,community,mentoring,volunteer
DOC summary|{} summary|event,conference,project,quarterly,research,workshop,trade_show,panel,webinar,mentoring,annual,hackathon,meetup,survey
DOC bio|{} bio|speaker,professional,author,team,guest,panelist,volunteer,board,event_host,workshop_facilitator ~ DOC pitch|{} pitch|elevator,sales,partnership,sponsorship,volunteer_recruitment,investor,product,talk,podcast,media
DOC profile|{} profile|LinkedIn,GitHub,Slack,Meetup,event_app,mentor,Discord,speaker_directory,alumni_directory,Mastodon,Bluesky,Dribbble,Behance,Stack_Overflow,company_directory,Medium,Substack
DOC newsletter|{} newsletter|personal,team,client,alumni,company,community,volunteer,partner,mentoring,event,chapter ~ DOC portfolio|{} portfolio|design,writing,project,photography,speaking,case_study,volunteer,research,video
DOC deck|{} deck|pitch,onboarding,demo,intro,sponsor,workshop,sales,training,talk,quarterly_review,community_update
DOC agenda|{} agenda|meeting,event,workshop,one-on-one,offsite,panel,retreat,mentoring_session,kickoff,conference,board_meeting,retro,lunch-and-learn,coffee_chat
DOC script|{} script|cold-call,phone,intro,demo,panel_moderator,voicemail,interview,webinar,podcast,follow-up_call,reference_call
DOC playbook|{} playbook|networking,outreach,event,onboarding,volunteer,sponsor,meetup,mentoring,community,conference,alumni
DOC budget|{} budget|event,travel,conference,sponsorship,meetup,training,networking,hackathon,mentoring_program,offsite,community ~ DOC one-pager|{} one-pager|project,team,company,personal,sponsorship,volunteer_program,event,mentoring_program,service
DOC faq|{} FAQ|event,onboarding,speaker,mentoring,volunteer,sponsor,meetup,hackathon,conference,community,alumni,partner ~ DOC qr|{} QR code|LinkedIn,portfolio,website,event
DOC talking|{} talking points*|event,networking,salary,conference,career_fair,mentoring ~ DOC qlist|{} question list|interview,coffee_chat,mentoring,icebreaker ~ DOC directory|{} directory|member,expert
DOC survey|{} survey|attendee,member,mentee,volunteer,speaker ~ DOC packet|{} welcome packet|new_member,speaker,volunteer,mentee,sponsor,attendee ~ DOC kit|{} kit|booth,media,event,demo ~ DOC map|{} map|stakeholder,network,skills,career
DOC scorecard|{} scorecard|vendor,event,speaker,sponsor ~ DOC timeline|{} timeline|event,project,onboarding,conference,launch ~ DOC wiki|{} wiki|team,community,project
DOC solo|{}|org chart,résumé,cover letter,headshot,personal website,email signature,brag document,speaker reel ~ EVENT big|{}|conference,trade show,summit,career fair,hackathon,product launch,awards ceremony,demo day,charity gala
EVENT small|{}|meetup,workshop,webinar,panel discussion,lunch-and-learn,roundtable,networking mixer,user-group meeting,book launch,office hours*,open house,alumni reunion,industry breakfast,pitch night,speed-networking session,fireside chat,unconference,tech talk,AMA session,community potluck,charity run,coffee morning,investor day,poster session,lightning-talk night,sales kickoff,trade mission,trivia night,info session
EVENT internal|{}|team offsite,company town hall,client dinner,holiday party,volunteer day,company picnic,hack week
MEET one|{}|coffee chat,informational interview,one-on-one,mentoring session,feedback session,lunch meeting,intro call,quarterly catch-up,skip-level meeting,career conversation,walking meeting,stay interview,exit interview,goal-setting session,virtual happy hour,hiring debrief,donor meeting,board meeting
MEET team|{}|brainstorming session,team retrospective,kickoff meeting,pairing session,planning meeting,status meeting,stand-up,client call,vendor call,partner meeting,product demo
PEOPLE former|{}|former colleague,former manager,former client,former teammate,former classmate,former intern,former mentor,former professor,former coach
PEOPLE close|{}|mentor,mentee,sponsor,new hire,intern,manager,skip-level manager,client,vendor,peer,direct report,business partner,HR business partner,executive assistant,board member,project manager,account manager,stakeholder,onboarding buddy,accountability partner,co-founder,contractor,department head,remote colleague,cross-functional partner,chief of staff
PEOPLE public|{}|recruiter,hiring manager,event speaker,panelist,event organizer,journalist,podcast host,investor,open-source maintainer,industry leader,community moderator,fellow attendee,alumni*,conference volunteer,author,blogger,startup founder,career coach,community manager,developer advocate,consultant,industry analyst,university professor,conference sponsor,nonprofit director,hackathon judge,content creator
GROUP assoc|{}|professional association,alumni association,chamber of commerce,Toastmasters club,Rotary club,trade association,women-in-tech network,nonprofit board,advisory board
GROUP online|{}|Slack community,Discord server,LinkedIn group,industry forum,subreddit
GROUP local|{}|mentoring program,user group,employee resource group,book club,mastermind group,open-source project,volunteer committee,study group,peer-coaching circle,running club,founders' network,industry council,standards committee,hackerspace,design guild
CONTENT own|{}|LinkedIn post,blog post,guest post,how-to video,tutorial,case study,white paper,podcast episode,social media thread,opinion piece,webinar recording,demo video,AMA thread
CONTENT others|{}|industry article,research paper,company announcement,job posting,industry report,press release ~ CONTENT feed|{}|industry newsletter,industry podcast,trade journal,YouTube channel,industry blog
MSG msg|{}|follow-up email,thank-you note,cold email,holiday card,event invitation,birthday message,apology note,reminder email,out-of-office reply,farewell email
HELP help|{}|feedback*,career advice*,referral,introduction,recommendation letter,LinkedIn recommendation,job reference,testimonial,mentorship*,job lead,mock interview,salary data*,stretch assignment,encouragement*,second opinion
INVITE inv|{}|connection request,meeting request,speaking invitation,coffee invitation,introduction request,mentoring request,recruiter message,volunteer request,podcast invitation,panel invitation,referral request,LinkedIn message
CARRY carry|{}|business cards*,résumé copies*,notebook,phone charger,water bottle,breath mints*,pen,snacks*,extra layers*,name tag,phone
ORG org|{}|target company,potential employer,local startup,competitor,nonprofit,university career center,coworking space,partner organization,recruiting agency,incubator,venture firm,local university,foundation
SKILL skill|{}|public speaking*,small talk*,storytelling*,negotiation*,presentation skills*,business writing*,time management*,conflict resolution*,interviewing skills*,personal branding*,remote collaboration*,facilitation skills*,note-taking*,email etiquette*,executive presence*,delegation*,mentoring skills*,coaching skills*,cross-cultural communication*,emotional intelligence*,persuasion*,influencing without authority*,self-promotion*,video presence*"""
# action|verb templates ({o} = object slot, else appended)|targets: class, tag, head or object name
VERBS = """update|update;refresh;bring {o} up to date;revise|DOC ~ review|review;look over;revisit|DOC
draft|draft;write;write up|template,checklist,plan,summary,bio,pitch,newsletter,agenda,script,playbook,one-pager,faq,cover letter,own,MSG,survey,packet,talking
create|create;set up;start|list,log,tracker,calendar,profile,portfolio,personal website,email signature,budget,brag document,directory,map,scorecard,timeline,wiki,kit,org chart,qr,qlist
share|share;pass along;circulate|list,checklist,plan,notes,calendar,summary,bio,portfolio,deck,agenda,one-pager,faq,playbook,résumé,brag document,personal website,directory,survey,packet,map,org chart,timeline,scorecard,wiki,kit,others,qr,talking,qlist
back up|back up;make a backup of|list,log,tracker,notes,calendar,portfolio,template,directory,wiki ~ clean up|clean up;tidy up;prune|list,log,tracker,calendar,profile,directory,map
tailor|tailor;customize;personalize;adapt|template,pitch,bio,profile,deck,portfolio,agenda,script,one-pager,résumé,cover letter,MSG,packet,survey,talking,qlist
print|print;print out|list,checklist,agenda,bio,notes,deck,summary,one-pager,faq,résumé,packet,directory,map,org chart,timeline,scorecard,qr,talking,qlist
archive|archive;file away|list,log,tracker,notes,summary,newsletter,deck,calendar,budget,wiki,scorecard,timeline,recruiter message,LinkedIn message,meeting request,qlist ~ organize|organize;sort|notes,portfolio,wiki,kit
publish|publish;post;put out|newsletter,own ~ shorten|shorten;trim;cut down|bio,pitch,newsletter,summary,one-pager,résumé,cover letter,cold email,reminder email,follow-up email,out-of-office reply,farewell email,packet,timeline,talking
simplify|simplify;streamline|template,checklist,tracker,plan,agenda,deck,playbook,budget,script,survey,map,scorecard,timeline,wiki
translate|translate|bio,pitch,deck,newsletter,template,profile,faq,one-pager,résumé,own,survey,packet,wiki,kit,talking ~ automate|automate|tracker,calendar,newsletter,log,checklist ~ color-code|color-code|calendar,map,timeline
digitize|digitize;scan|notes,list,log,checklist ~ rehearse|rehearse;practise;practice|pitch,script,deck,talking ~ consolidate|consolidate;merge|list,log,notes,tracker,calendar,directory ~ sync|sync;synchronize|calendar,list,tracker,directory
restrict access to|restrict access to;limit who can see|list,log,notes,tracker,calendar,budget,directory,map,org chart,wiki,scorecard ~ standardize|standardize|template,checklist,agenda,notes,playbook,faq,survey,packet,scorecard,kit
reuse|reuse;recycle|template,checklist,agenda,deck,bio,playbook,faq,script,survey,packet,kit,scorecard,timeline,talking,qlist ~ test|test;try out;pilot|template,checklist,agenda,script,playbook,survey,qr
get sign-off on|get sign-off on;get approval for|plan,budget,agenda,deck,one-pager,newsletter,faq,survey,packet,timeline,scorecard ~ add metrics to|add metrics to;quantify the results in|résumé,pitch,one-pager,summary,bio,brag document,case study
link from signature|link to {o} from your email signature;add {o} to your email signature|profile,portfolio,personal website,newsletter ~ tag entries in|tag the entries in;add tags to|list,log,tracker,notes,directory
deactivate|deactivate;delete|profile ~ attend|attend;go to;show up at|EVENT ~ register for|register for;sign up for|big,small ~ prepare for|prepare for;get ready for;do your homework before|EVENT,MEET ~ volunteer at|volunteer at;help out at|EVENT
speak at|speak at;present at;give a talk at|conference,summit,meetup,workshop,webinar,panel discussion,lunch-and-learn,roundtable,user-group meeting,company town hall,industry breakfast,demo day
submit a talk to|submit a talk to;send a talk proposal to;apply to speak at|conference,summit,meetup,webinar,user-group meeting,lunch-and-learn ~ host|host;organize;put on|small,internal,hackathon,demo day,career fair,awards ceremony
promote|promote;spread the word about;advertise|EVENT,own ~ debrief after|debrief after;hold a debrief after|EVENT ~ sponsor|sponsor|big,meetup,webinar,networking mixer,user-group meeting,industry breakfast,pitch night
budget for|budget for;set aside money for|big,team offsite,client dinner,holiday party,hack week,workshop ~ live-tweet|live-tweet;post live updates from|big,panel discussion,webinar,pitch night
research|research;read up on;look up|public,ORG,board member,client ~ record|record;make a recording of|webinar,panel discussion,workshop,company town hall,lunch-and-learn,roundtable,office hours,team
take notes during|take notes during;jot down notes during|MEET,webinar,workshop,panel discussion,conference,lunch-and-learn ~ schedule|schedule;book;set up;arrange|MEET
confirm|confirm;send a confirmation for|one,client call,vendor call,partner meeting,kickoff meeting ~ reschedule|reschedule;move|MEET ~ cancel|cancel;call off|MEET
lead|lead;facilitate;chair|team,mentoring session,feedback session,career conversation,local,assoc ~ time-box|time-box;put a time limit on|MEET
make recurring|make {o} recurring;put {o} on a recurring schedule|one,status meeting,stand-up,planning meeting,client call ~ reconnect with|reconnect with;get back in touch with;rekindle your connection with|former,alumni
check in with|check in with;touch base with;catch up with|close ~ congratulate|congratulate|PEOPLE ~ follow|follow;follow {o} online;keep up with|public,ORG
recognize|recognize;give credit to;give a shout-out to|close,community moderator,open-source maintainer,event organizer,conference volunteer,conference sponsor,hackathon judge
shadow|shadow;spend a day shadowing|mentor,manager,skip-level manager,sponsor,peer,executive assistant ~ connect on LinkedIn|connect with {o} on LinkedIn;add {o} on LinkedIn;send {o} a LinkedIn invitation|close,public
welcome|welcome;greet|new hire,intern,mentee,fellow attendee ~ reach out to|reach out to;contact;get in touch with|public,ORG
buy coffee for|buy {o} a coffee;treat {o} to coffee|mentor,mentee,new hire,intern,peer,sponsor,former colleague,remote colleague,cross-functional partner
keep informed|keep {o} informed;keep {o} in the loop;update {o} on your progress|mentor,sponsor,manager,skip-level manager,client,board member,business partner,department head,chief of staff
onboard|onboard;help onboard|new hire,intern,mentee,vendor,direct report ~ nominate|nominate {o} for an award;put {o} forward for an award|peer,mentee,direct report,mentor,new hire,community moderator,open-source maintainer,former colleague
join|join;become a member of|GROUP ~ contribute to|contribute to;participate in;take part in;be active in|GROUP ~ moderate|moderate|online ~ start|start;found;launch|online,local ~ leave|leave;step away from;quit|GROUP
recruit members for|recruit members for;bring new members into|GROUP ~ renew membership|renew your membership in;renew your membership with|assoc ~ run for office in|run for a leadership role in;stand for election in|assoc
mute|mute;turn off notifications for|online ~ read code of conduct|read the code of conduct of;go through the code of conduct for|online,local ~ repurpose|repurpose;turn {o} into other formats|own
comment on|comment on;leave a comment on|LinkedIn post,blog post,industry article,company announcement,guest post,social media thread ~ read|read;read through|others,blog post,white paper,case study,industry newsletter,trade journal
summarize|summarize;sum up|others,white paper,podcast episode ~ cite|cite;reference|others,white paper,case study ~ bookmark|bookmark;save|others,LinkedIn post,blog post,podcast episode ~ subscribe to|subscribe to;sign up for|feed
unsubscribe from|unsubscribe from;stop following|feed ~ recommend|recommend|feed ~ send|send|MSG ~ split-test|split-test;test two versions of|cold email,follow-up email,event invitation,reminder email
queue|queue up;schedule {o} to send later|follow-up email,birthday message,reminder email ~ seek|ask for;request;seek;seek out;look for|HELP ~ offer|offer;give;provide|HELP ~ act on|act on;apply;put {o} into practice|feedback,career advice
track|track;keep track of;log|referral,introduction,job lead,testimonial ~ accept|accept;say yes to|feedback,stretch assignment,INVITE ~ decline|decline;turn down;say no to|stretch assignment,INVITE
showcase|showcase;feature;display|testimonial,LinkedIn recommendation ~ respond to|respond to;reply to;answer|INVITE ~ triage|triage;sort through|INVITE ~ batch|batch;deal with {o} in batches|INVITE
filter|set up a filter for;filter|recruiter message,connection request,LinkedIn message,meeting request ~ redirect|forward {o} to the right person;redirect|introduction request,referral request,volunteer request,podcast invitation,meeting request
bring|bring;carry;pack|business cards,résumé copies,notebook,phone charger,water bottle,breath mints,pen,snacks,extra layers,name tag ~ wear|wear;put on|name tag,extra layers ~ design|design|business cards ~ order|order|business cards,name tag
hand out|hand out;give out;distribute|business cards,résumé copies ~ refill|refill|water bottle ~ charge|charge|phone ~ visit|visit;tour|local startup,coworking space,university career center,incubator,local university
volunteer for|volunteer for;donate your time to|nonprofit,university career center,incubator
partner with|partner with;team up with;collaborate with|nonprofit,local startup,university career center,coworking space,incubator,recruiting agency,local university,foundation
set up job alerts for|set up job alerts for;create job alerts for|target company,potential employer,local startup,competitor ~ present|present;walk people through|deck,plan,summary,one-pager,budget,map,timeline,scorecard
delegate|delegate;hand off|checklist,budget,newsletter,survey,agenda,calendar ~ import into CRM|import {o} into your CRM;move {o} into a CRM|list,directory,log ~ analyze|analyze;dig into the results of|survey ~ restock|restock;replenish|kit
ask about goals|ask {o} about their goals;ask {o} what they are working toward|close,former
agree on expectations with|agree on expectations with;set clear expectations with|mentor,mentee,manager,direct report,client,vendor,co-founder,accountability partner,onboarding buddy,intern,sponsor,contractor,cross-functional partner
set boundaries with|set boundaries with;agree on boundaries with|manager,mentor,mentee,client,vendor,direct report,co-founder ~ advocate for|advocate for;speak up for|mentee,direct report,peer,intern,new hire
bring colleague to|bring a colleague to;invite a colleague along to|big,small ~ install app for|install the app for;download the app for|big,webinar
follow hashtag for|follow the hashtag for;keep an eye on the hashtag for|big,panel discussion,pitch night ~ turn on camera in|turn on your camera in;keep your camera on during|MEET
end with next steps|end {o} with clear next steps;close {o} by agreeing on next steps|MEET ~ pin|pin;pin {o} to your profile|LinkedIn post,blog post,case study,how-to video,podcast episode,opinion piece,demo video
tag people in|tag people in;mention people in|LinkedIn post,social media thread,AMA thread,blog post ~ add captions to|add captions to;caption|how-to video,demo video,webinar recording
transcribe|transcribe;publish a transcript of|podcast episode,webinar recording ~ apply to|apply to;send an application to|target company,potential employer,local startup,incubator,venture firm,foundation
compare|compare;benchmark|competitor,target company,potential employer,recruiting agency ~ add call to action|include a call to action in;end {o} with a clear ask|cold email,follow-up email,event invitation,reminder email
improve|improve;work on;strengthen;sharpen|SKILL ~ take a course in|take a course in;take a class in;enroll in a course on|SKILL ~ get coaching on|get coaching on;find a coach for|SKILL ~ teach|teach;run a session on|SKILL
assess|assess;take stock of;evaluate|SKILL ~ read a book on|read a book on;pick up a book about|SKILL"""
# truth verb|truth object|variants ('=' marks a label used as is)
MANNER = """listen|actively|Listen actively;Practise active listening;Practice active listening;Be an active listener;Use active listening;=Active listening ~ be|genuine|Be genuine;Be authentic;Stay authentic;Be yourself;=Authenticity
remember|names|Remember people's names;Remember names;Commit names to memory ~ make|eye contact|Make eye contact;Maintain eye contact;Keep eye contact ~ ask|open-ended questions|Ask open-ended questions;Ask open questions;Use open-ended questions
ask|clarifying questions|Ask clarifying questions;Ask questions to clarify what you heard ~ be|punctual|Be punctual;Be on time;Show up on time;Arrive on time;=Punctuality ~ arrive|early|Arrive early;Get there early;Show up early
respect|people's time|Respect people's time;Respect other people's time;Be respectful of people's time;Be mindful of others' time
follow through|commitments|Follow through on your commitments;Keep your promises;Honour your commitments;Do what you say you'll do ~ give|before asking|Give before you ask;Give before you take;Offer value before asking for anything
smile||Smile;Smile often;Wear a smile ~ say|thank you|Say thank you;Express gratitude;Show appreciation;Show your gratitude;Express your thanks ~ be|concise|Be concise;Keep it short;Get to the point;=Brevity
show|interest in others|Show interest in others;Take an interest in other people;Be interested in others;Show genuine interest in people ~ introduce|yourself|Introduce yourself
stay|positive|Stay positive;Keep a positive attitude;Be positive;=A positive attitude ~ dress|appropriately|Dress appropriately;Dress for the occasion;Dress the part
put away|phone|Put your phone away;Put away your phone;Keep your phone in your pocket ~ mute|microphone|Mute your microphone when you aren't speaking;Mute yourself when you aren't talking;Stay on mute when you aren't speaking
use|people's names|Use people's names;Address people by name;Use the other person's name ~ admit|what you don't know|Admit what you don't know;Be honest when you don't know something;Own up to gaps in your knowledge
be|patient|Be patient;Have patience;=Patience"""
ALIASES = dict(
    (k, v.split("/"))
    for k, v in (
        p.split("=")
        for p in [
            "résumé=CV",
            "career fair=job fair",
            "thank-you note=thank-you card",
            "one-on-one=1:1",
            "meetup=meet-up",
            "follow-up email=follow-up e-mail",
            "coffee chat=coffee meeting",
            "informational interview=info interview",
            "hackathon=hack day",
            "mentorship=mentoring",
            "former colleague=ex-colleague/old colleague",
            "former manager=ex-manager/old boss",
            "new hire=new joiner",
            "brag document=brag doc",
            "elevator pitch=30-second pitch",
            "team retrospective=team retro",
            "job lead=job tip",
            "résumé copies=copies of your résumé/printed résumés",
            "event speaker=speaker",
            "personal website=personal site",
            "stand-up=standup",
            "career advice=career guidance",
        ]
    )
)
PLURAL_OK = {"list", "template", "checklist", "profile", "agenda", "script", "cover letter", "log", "tracker"}
# CLASS|chapter topic|section titles|contexts (when / where / with whom: never part of the truth)
CLASSES = """DOC|Networking Paperwork|Keep Your Materials Sharp;Records and Paperwork;Your Toolkit|before a conference;before your next job search;every quarter;\
once a month;after every event;at the start of the year;before a performance review;when you change roles;ahead of a coffee chat;before meeting a recruiter
EVENT|Events|Making the Most of Events;Getting Out There|as a first-timer;in your city;in your field;this year;when you're job hunting;\
when you're new to the industry;at least once a quarter;even if you're an introvert
MEET|Meetings|Meetings That Work;One-on-One Time|every month;in your first 90 days;before the end of the week;when you're busy;when you work remotely;this quarter
PEOPLE|Relationships|Tending Your Relationships;The People in Your Corner|after they change jobs;every few months;after a conference;\
a week after you meet;in your first month;during the holidays;when you have news to share
GROUP|Communities|Communities and Associations;Finding Your People|in your industry;in your city;early in your career;this year;when you're new in town
CONTENT|Online Visibility|Staying Visible Online;Reading and Writing|every week;in your field;after a conference;once a month;during your job search
MSG|Professional Messages|Messages That Land;Written Touchpoints|within 24 hours;after a meetup;to new contacts;after an informational interview;\
the next day;to everyone you met;after a job interview
HELP|Mentoring and Feedback|Asking and Giving;Support Goes Both Ways|after a presentation;during your job search;early and often;when you can;\
in your first 90 days;at your next one-on-one;after a project ends
INVITE|Requests|Handling Requests;Managing Your Inbox|within a day;every Friday;from people you don't know;during busy weeks;on LinkedIn
CARRY|Event Logistics|What to Bring;Packing List|for networking events;for a conference;the night before;for a career fair;for every event
ORG|Organizations|Companies and Organizations;Looking Outward|in your area;during your job search;in your industry;before an interview;before a career fair
SKILL|Soft Skills|Building Your Skills;Growing as a Communicator|this year;before your next conference;with a friend;every week;as a new manager
MANNER|Everyday Conduct|Everyday Habits;How to Show Up|in conversations;at networking events;during coffee chats;on video calls;when meeting new people;\
in every meeting;with new contacts;at conferences"""
TOPIC, SECTION, CONTEXT = {}, {}, {}
for _l in CLASSES.splitlines():
    _c, TOPIC[_c], _s, _x = _l.split("|")
    SECTION[_c], CONTEXT[_c] = _s.split(";"), _x.split(";")
RELATIONAL = {"PEOPLE", "MSG", "HELP", "MANNER", "MEET", "EVENT", "GROUP"}
PURPOSE = {
    True: [
        "so people remember you",
        "to keep the relationship warm",
        "to build trust over time",
        "to stay on people's radar",
    ],
    False: [
        "so nothing slips through the cracks",
        "to save yourself time later",
        "so you're ready when opportunities come up",
    ],
}
NO_PURPOSE = {
    "cancel",
    "decline",
    "leave",
    "mute",
    "unsubscribe from",
    "deactivate",
    "reschedule",
    "restrict access to",
    "filter",
    "triage",
}
WRAP = [
    "Make it a habit to {}",
    "Don't forget to {}",
    "Always {}",
    "Take time to {}",
    "Be sure to {}",
    "Try to {}",
    "Remember to {}",
    "Make sure you {}",
    "You should {}",
    "It helps to {}",
    "Consider {g}",
    "Make a point of {g}",
    "Get into the habit of {g}",
]
LEADS = [
    "Here is what works for most people:",
    "A few habits worth building:",
    "Some practical steps:",
    "Experienced members of our community suggest the following.",
    "Start with these:",
    "Try the following:",
]
TITLES = [
    "A Practical Guide to {}",
    "Notes on {}",
    "Getting Better at {}",
    "The Basics of {}",
    "Field Notes: {}",
    "{} for Busy People",
]
POPULAR = [
    "update|résumé",
    "update|LinkedIn profile",
    "attend|conference",
    "send|thank-you note",
    "send|follow-up email",
    "join|professional association",
    "seek|mentorship",
    "offer|mentorship",
    "seek|feedback",
    "offer|feedback",
    "rehearse|elevator pitch",
    "bring|business cards",
    "schedule|coffee chat",
    "schedule|informational interview",
    "volunteer at|conference",
    "reconnect with|former colleague",
    "seek|referral",
    "contribute to|industry forum",
    "attend|meetup",
    "check in with|mentor",
    "speak at|conference",
    "offer|introduction",
    "seek|introduction",
]
ING = dict(
    p.split(":")
    for p in [
        "be:being",
        "set:setting",
        "get:getting",
        "put:putting",
        "run:running",
        "trim:trimming",
        "cut:cutting",
        "scan:scanning",
        "jot:jotting",
        "submit:submitting",
        "commit:committing",
        "step:stepping",
        "quit:quitting",
        "sum:summing",
        "admit:admitting",
        "sync:syncing",
        "see:seeing",
        "queue:queuing",
        "tag:tagging",
        "pin:pinning",
        "log:logging",
        "stop:stopping",
    ]
)
PERSONMOD = {"contact", "guest", "speaker", "client", "vendor", "sponsor", "volunteer", "prospect", "reference"}
MASSMOD = {
    "networking",
    "mentoring",
    "outreach",
    "onboarding",
    "travel",
    "learning",
    "communication",
    "career",
    "content",
    "visibility",
}


def ing(w):
    if "-" in w:
        a, b = w.rsplit("-", 1)
        return a + "-" + ing(b)
    return ING.get(w) or (w[:-1] + "ing" if w.endswith("e") and not w.endswith(("ee", "ye", "oe")) else w + "ing")


def plural(s):
    if s.startswith("chamber of"):
        return "chambers of commerce"
    return (
        s[:-1] + "ies"
        if s.endswith("y") and s[-2] not in "aeiou"
        else s + ("es" if s.endswith(("s", "x", "ch", "sh")) else "s")
    )


def art(s):
    return ("an " if s[0].lower() in "aeiou" and not s.lower().startswith(("one", "user", "uni", "eu")) else "a ") + s


def split(block):
    return [e for e in re.split(r"\n| ~ ", block) if e.strip()]


@dataclass
class Tech:
    truth: str
    cls: str
    syns: list = None  # verb templates
    forms: list = None  # (object wording, weight)
    variants: list = None  # manner techniques: whole wordings
    verb: str = ""


def forms_for(cls, tag, name, head, mass, mod):
    out = []
    for n in [name] + ALIASES.get(name, []):
        if cls == "DOC":
            out += [("your " + n, 3), ("the " + n, 1)] + ([] if mass else [(art(n), 1)])
            if head in PLURAL_OK and not mass:
                out.append(("your " + plural(n), 1))
            if n == name and head == "list" and mod in PERSONMOD:
                out.append((f"your list of {plural(mod)}", 2))
            if n == name and head in ("plan", "checklist") and mod in MASSMOD:
                out.append((f"a {head} for {mod}", 1))
            if n == name and head == "notes":
                out.append((f"your notes from {plural(mod.replace('_', ' '))}", 1))
        elif mass or n.startswith(("copies", "printed")):
            out += [(n, 3)] + (
                [("your " + n, 1)] if cls == "SKILL" else [("fellow " + n, 1)] if cls == "PEOPLE" else []
            )
        elif cls in ("EVENT", "MEET"):
            out += [(art(n), 3), ("the " + n, 1), (plural(n), 2), ("your next " + n, 1)]
        elif cls == "PEOPLE" and tag == "public":
            out += [(art(n), 2), (plural(n), 3)]
        elif cls == "PEOPLE":
            out += [("your " + n, 3), (art(n), 1), (plural(n), 2), ("your " + plural(n), 1)]
        elif cls == "CARRY":
            out += [(art(n), 2), ("your " + n, 2)]
        else:
            out += [(art(n), 2), (plural(n), 2)] + ([("the " + n, 1)] if cls == "GROUP" else [])
    return out


def build():
    objs, techs = {}, []
    for line in split(OBJECTS):
        cls_tag, pat, items = line.split("|")
        cls, tag = cls_tag.split()
        mass_all, pat = pat.endswith("*"), pat.rstrip("*")
        head = pat.replace("{}", "").strip() or tag
        for it in items.split(","):
            mod = it.rstrip("*")
            name = pat.format(mod).replace("_", " ")
            objs[name] = (
                cls,
                {cls, tag, head, name},
                forms_for(cls, tag, name, head, mass_all or it.endswith("*"), mod),
            )
    for line in split(VERBS):
        key, syns, targets = line.split("|")
        techs += [
            Tech(f"{key}|{n}", c, syns.split(";"), f, verb=key)
            for n, (c, tags, f) in objs.items()
            if tags & set(targets.split(","))
        ]
    for line in split(MANNER):
        v, o, var = line.split("|")
        techs.append(Tech(f"{v}|{o}" if o else v, "MANNER", variants=var.split(";")))
    return techs


def fill(tmpl, o):
    return tmpl.replace("{o}", o) if "{o}" in tmpl else f"{tmpl} {o}"


def _check(techs):
    """No wording core (verb form + object form, or manner variant) may belong to two truths."""
    seen = {}
    for t in techs:
        for c in (
            [v.lstrip("=") for v in t.variants] if t.variants else [fill(s, f) for s in t.syns for f, _ in t.forms]
        ):
            prev = seen.setdefault(c.lower(), t.truth)
            assert prev == t.truth, f"wording {c!r} shared by {prev} and {t.truth}"
    assert len({t.truth for t in techs}) == len(techs), "duplicate truth"


def gerund(p):
    v, _, rest = p.partition(" ")
    return ing(v.lower()) + (" " + rest if rest else "")


def render(t, rng):
    label = False
    if t.variants:
        v = rng.choice(t.variants)
        label, imp = v.startswith("="), v.lstrip("=")
    else:
        syn = t.syns[0] if rng.random() < 0.45 else rng.choice(t.syns)
        imp = fill(syn, rng.choices([f for f, _ in t.forms], [w for _, w in t.forms])[0])
    r, s, ctx = rng.random(), rng.random(), rng.choice(CONTEXT[t.cls])
    place = "none" if r < 0.45 else "back" if r < 0.82 else "front"
    low = imp[0].lower() + imp[1:]
    if label or s < 0.5:
        body = imp
    elif s < 0.68:
        body = gerund(imp)
    else:
        w = rng.choice(WRAP)
        body = w.format(low, g=gerund(low))
    if place == "front" and (label or 0.5 <= s < 0.68):
        place = "back"  # no "Before X, attending Y"
    if place == "back":
        body = f"{body} {ctx}"
    elif place == "front":
        body = f"{ctx[0].upper()}{ctx[1:]}, {body[0].lower()}{body[1:]}"
    if t.verb not in NO_PURPOSE and not label and rng.random() < 0.12:
        body += " " + rng.choice(PURPOSE[t.cls in RELATIONAL])
    return body[0].upper() + body[1:]


_TECHS = []


def generate(count: int, seed: int = 11, per_chapter: int = 12) -> list[tuple[str, list[Item]]]:
    """count chapters: (Markdown text, its techniques in the order they appear)."""
    if not _TECHS:
        _TECHS.extend(build())
        _check(_TECHS)
    rng, by = random.Random(seed), {t.truth: t for t in _TECHS}
    head = [by[x] for x in POPULAR] + [t for t in _TECHS if t.cls == "MANNER"]
    rest = [t for t in _TECHS if t.truth not in set(POPULAR) and t.cls != "MANNER"]
    rng.shuffle(head)
    rng.shuffle(rest)
    order = head + rest  # long tail: weight 3/(rank+1)^0.9 + a flat floor
    pools = {"ALL": (order, [3 / (r + 1) ** 0.9 + 0.011 for r in range(len(order))])}
    for t, w in zip(*pools["ALL"], strict=True):
        pools.setdefault(t.cls, ([], []))[0].append(t)
        pools[t.cls][1].append(w)
    cum = {k: (v[0], list(itertools.accumulate(v[1]))) for k, v in pools.items()}
    classes = [c for c in cum if c != "ALL"]
    out = []
    for _ in range(count):
        focus, chosen = rng.choices(classes, [cum[c][1][-1] for c in classes])[0], {}
        while len(chosen) < per_chapter:  # half from the chapter's focus, half from anywhere; no repeated truth
            items, c = cum[focus if rng.random() < 0.5 else "ALL"]
            t = items[bisect.bisect(c, rng.random() * c[-1])]
            chosen.setdefault(t.truth, t)
        secs = {}
        for t in chosen.values():
            secs.setdefault(t.cls, []).append(t)
        topic = TOPIC[focus]
        md = [
            f'---\ntitle: "{rng.choice(TITLES).format(topic)}"\ndescription: "Advice on {topic.lower()} for professionals who want '
            f'stronger working relationships."\n---\n',
            f"Good professional relationships are built through small, repeated actions. "
            f"This chapter collects advice on {topic.lower()} gathered from people across our community.\n",
        ]
        items = []
        for cls, ts in secs.items():
            md.append(f"## {rng.choice(SECTION[cls])}\n\n{rng.choice(LEADS)}\n")
            for t in ts:
                items.append(Item(render(t, rng), t.truth))
                md.append(f"- {items[-1].text}")
            md.append("")
        out.append(("\n".join(md), items))
    return out


if __name__ == "__main__":
    n, outdir, answers = int(sys.argv[1]), sys.argv[2], {}
    os.makedirs(outdir, exist_ok=True)
    for i, (md, items) in enumerate(generate(n, int(sys.argv[3]) if len(sys.argv) > 3 else 11)):
        title = re.search(r'title: "(.*)"', md).group(1)
        fn = f"{i:04d}-{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}.md"
        with open(os.path.join(outdir, fn), "w", encoding="utf-8") as f:
            f.write(md)
        answers.update({f"{fn}#{p}": it.truth for p, it in enumerate(items, 1)})
    with open(os.path.join(outdir, "answers.json"), "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False, indent=1)
    print(f"{n} chapters, {len(answers)} items, {len(set(answers.values()))} distinct truths -> {outdir}")
