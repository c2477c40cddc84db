/*
 * catalogue.c - the built-in questionnaires "core", versions 1 and 2, and
 * the lookups over any catalogue.
 *
 * Owns the questionnaire content: dimensions, items (question, help text,
 * recommendation, weight, criteria from the domain brief) and knock-outs
 * (stop signs).  Every question is worded so that a higher answer means
 * more ready.  The keys are what the store keeps; change a text freely,
 * never a key (a new or removed item means a new catalogue version).  Old
 * assessments keep their version and are scored with it, so a released
 * version's items, weights and stop signs never change.
 */
#include "config.h"

#include "catalogue.h"

#include <stddef.h>
#include <string.h>

#include "i18n.h"

enum {
	DIM_GOALS,
	DIM_CHANNELS,
	DIM_RESOURCES,
	DIM_ORGANISATION,
	DIM_POLICY,
	DIM_MEASUREMENT,
	DIM_SKILLS,
	DIM_COUNT
};

static const struct cat_dimension core1_dims[DIM_COUNT] = {
	[DIM_GOALS] = { "goals", N_("Goals"),
		N_("Why the company wants to be on social media and what it should bring") },
	[DIM_CHANNELS] = { "channels", N_("Audience and channels"),
		N_("Which networks fit the company's customers and purpose") },
	[DIM_RESOURCES] = { "resources", N_("Resources and stamina"),
		N_("People, time and money for a presence that lasts") },
	[DIM_ORGANISATION] = { "organisation", N_("Organisation and pipeline"),
		N_("How incoming messages reach the right person and who may decide") },
	[DIM_POLICY] = { "policy", N_("Policy"),
		N_("Written rules for how the company behaves on social media") },
	[DIM_MEASUREMENT] = { "measurement", N_("Measurement"),
		N_("Metrics and tools that show whether the goal comes closer") },
	[DIM_SKILLS] = { "skills", N_("Skills and speed"),
		N_("Know-how of the team and how fast it can react") },
};

/* Item indexes the knock-outs refer to; keep them in step with core1_items. */
enum {
	ITEM_GOALS_PURPOSE = 0,
	ITEM_RESOURCES_LONG_TERM = 6,
	ITEM_RESOURCES_TIME = 8
};

static const struct cat_item core1_items[] = {
	/* --- goals --- */
	{ "goals.purpose", DIM_GOALS,
	  N_("We can say in one or two sentences what our company wants to achieve with social media."),
	  N_("Ready means everyone involved gives the same answer to the question \"why are we doing this?\". Without that answer nobody can tell later whether the effort paid off."),
	  N_("Hold a short meeting with management and write down, in two sentences, what social media should achieve for the company. Do not start before this is settled."),
	  3, { "C1", "W1", NULL } },
	{ "goals.business", DIM_GOALS,
	  N_("Our social media goal serves a concrete business goal, such as winning new customers, customer service or recruiting."),
	  N_("Ready means the social media goal is linked to something the business already cares about, so it can be weighed against other ways of reaching the same goal."),
	  N_("Pick the one business goal social media should support first (for example leads, service or recruiting) and note how you would notice progress towards it."),
	  2, { "C1", NULL } },
	{ "goals.achievable", DIM_GOALS,
	  N_("Our first goal is small and achievable rather than ambitious."),
	  N_("Ready means the company starts with a modest goal it can reach in the first months and grows from there, instead of promising too much at once."),
	  N_("Cut the first goal down to something the team can reach within three to six months, and plan the next step only once it is reached."),
	  1, { "C1", NULL } },
	/* --- channels --- */
	{ "channels.audience", DIM_CHANNELS,
	  N_("We know which social networks our customers and prospects actually use."),
	  N_("Ready means the company has found out where its audience spends time online, by asking customers or looking at evidence, not by guessing."),
	  N_("Ask ten typical customers which networks they use for work or purchases, and write down the two or three names that come up most."),
	  2, { "C2", NULL } },
	{ "channels.choice", DIM_CHANNELS,
	  N_("We chose one or a few networks on purpose, to fit our goal, not because they are popular right now."),
	  N_("Ready means a deliberate choice of few networks that match the goal and the audience; being everywhere at once is not a goal."),
	  N_("Choose at most two networks that fit both your goal and your audience, and write down why. Leave the others aside for now."),
	  2, { "C2", NULL } },
	{ "channels.analytics", DIM_CHANNELS,
	  N_("We have checked our website statistics to see which networks already bring us visitors."),
	  N_("Ready means the company has looked at its web analytics and knows which networks already send traffic, as a hint where a presence would pay off."),
	  N_("Open your website statistics, look at the visitors who came from social networks over the last months, and note which networks they came from."),
	  1, { "C2", NULL } },
	/* --- resources --- */
	[ITEM_RESOURCES_LONG_TERM] = { "resources.long_term", DIM_RESOURCES,
	  N_("We have decided to keep up our social media presence for the long run, not just for a trial of a few weeks."),
	  N_("Ready means the company sees social media as an ongoing task and has committed to it for at least a year. A presence that falls silent after a few weeks harms the company's image more than none at all."),
	  N_("Have management decide how long the company commits to social media (at least twelve months) and put that commitment in writing before the first post."),
	  3, { "C3", "W2", NULL } },
	{ "resources.budget", DIM_RESOURCES,
	  N_("We know how much money and working time we will invest in social media over the next year."),
	  N_("Ready means there is a budget for working time, tools and perhaps advertising, planned like any other marketing activity."),
	  N_("Draw up a simple one-year plan of the hours per week and the money you will spend, and have it approved."),
	  2, { "C3", NULL } },
	[ITEM_RESOURCES_TIME] = { "resources.time", DIM_RESOURCES,
	  N_("At least one person has fixed working time for social media, on top of their other duties."),
	  N_("Ready means someone is paid for, or has firmly agreed to, posting and answering regularly, and this time is really set aside, not squeezed in when there is nothing else to do."),
	  N_("Name the person responsible for social media and agree on fixed hours per week for it; take other work off their desk to make room."),
	  3, { "C3", "W5", "W6" } },
	{ "resources.staff", DIM_RESOURCES,
	  N_("We have enough people to keep social media going during holidays and sick leave."),
	  N_("Ready means social media does not depend on a single person: a second person can step in so the presence never goes quiet."),
	  N_("Name a deputy for the person responsible and let them take over for one week as a trial run."),
	  2, { "W6", NULL } },
	{ "resources.in_house", DIM_RESOURCES,
	  N_("Our social media is run by our own staff; an agency helps at most."),
	  N_("Ready means the company's own people speak for it on social media. An agency can advise or produce material, but if it does everything the company itself does not learn or change."),
	  N_("Bring the day-to-day posting and answering into the company; if you work with an agency, limit it to coaching and support."),
	  2, { "W3", NULL } },
	/* --- organisation --- */
	{ "organisation.pipeline", DIM_ORGANISATION,
	  N_("There is an agreed route that passes incoming messages (complaints, questions, product ideas) quickly to the right person in the team."),
	  N_("Ready means it is clear who receives what: a complaint reaches customer service, an idea reaches product development, and nothing gets stuck with the person who happened to read it."),
	  N_("List the kinds of messages you expect and, for each, who handles it and how it gets to them. Share the list with everyone involved."),
	  2, { "C4", NULL } },
	{ "organisation.before_launch", DIM_ORGANISATION,
	  N_("This route was set up and tried out before we went live, or will be before we do."),
	  N_("Ready means the internal routing works before the first customer writes, not after the first complaint has been left unanswered."),
	  N_("Run a trial: send a few made-up messages through the route and check that each one reaches the right person in time."),
	  1, { "C4", NULL } },
	{ "organisation.empowerment", DIM_ORGANISATION,
	  N_("The people running our social media may answer and decide within agreed limits without asking management every time."),
	  N_("Ready means management trusts its staff and has set out what they may decide on their own, so answers do not wait for approval."),
	  N_("Write down what the social media team may answer and decide on its own and what must go to management, and tell the team."),
	  2, { "W4", NULL } },
	{ "organisation.backing", DIM_ORGANISATION,
	  N_("Management understands why social media matters and backs the people who do it."),
	  N_("Ready means management takes social media seriously as contact with customers, gives it priority and stands behind the team when something goes wrong."),
	  N_("Present the goal and the plan to management and ask for an explicit commitment, including time for the team."),
	  1, { "W4", "W5", NULL } },
	/* --- policy --- */
	{ "policy.document", DIM_POLICY,
	  N_("We have a written social media policy, and the staff know it."),
	  N_("Ready means there is an internal document with the rules of engagement: who speaks for the company, what is allowed and what is not, and how to start conversations."),
	  N_("Write a short policy of one or two pages (who posts, what tone, what is off limits) and go through it with the staff."),
	  2, { "C5", NULL } },
	{ "policy.negative", DIM_POLICY,
	  N_("We have agreed how to respond to criticism and negative mentions."),
	  N_("Ready means the team knows how to answer an angry customer or a critical post, when to take it to a private channel and when to call in management."),
	  N_("Agree on three or four steps for handling criticism and write sample answers for the most likely complaints."),
	  2, { "C5", NULL } },
	{ "policy.networks", DIM_POLICY,
	  N_("For each network we use, we have agreed what we post there, in which tone and how often."),
	  N_("Ready means every network has a clear role, so posts fit the place and the audience instead of the same text going everywhere."),
	  N_("For each chosen network, write one line on its purpose, its tone and how often you post, and add it to the policy."),
	  1, { "C5", NULL } },
	/* --- measurement --- */
	{ "measurement.metrics", DIM_MEASUREMENT,
	  N_("We have chosen metrics that follow from our goal, such as engagement, mentions, leads or sentiment."),
	  N_("Ready means the figures watched are the ones that show progress towards the goal, not just whatever is easiest to count."),
	  N_("For your goal, pick two or three figures that would show progress, and note their current value as a starting point."),
	  2, { "C6", NULL } },
	{ "measurement.tools", DIM_MEASUREMENT,
	  N_("We have tools in place to track these metrics regularly."),
	  N_("Ready means the figures can be collected without much effort, with the networks' own statistics or a monitoring tool."),
	  N_("Set up the statistics pages of your networks or a simple monitoring tool, and check that it delivers the figures you chose."),
	  1, { "C6", NULL } },
	{ "measurement.review", DIM_MEASUREMENT,
	  N_("We look at the figures at fixed intervals and adjust what we do."),
	  N_("Ready means social media is reviewed like any other marketing activity: results are compared with the goal and the plan is changed when needed."),
	  N_("Put a monthly review in the calendar: compare the figures with the goal and decide on one thing to change."),
	  1, { "C6", NULL } },
	/* --- skills --- */
	{ "skills.expertise", DIM_SKILLS,
	  N_("The people who run our social media know how the chosen networks work."),
	  N_("Ready means the team knows the customs, features and pitfalls of its networks and can write posts that suit them."),
	  N_("Find out what the team still needs to learn and book a training course or a coaching session for the chosen networks."),
	  2, { "W7", NULL } },
	{ "skills.learning", DIM_SKILLS,
	  N_("There is time and money for the team to keep learning about social media."),
	  N_("Ready means the team can keep its skills up to date, because networks and habits change quickly."),
	  N_("Set aside a few hours a month and a small budget for training, and let the team share what it learns."),
	  1, { "W7", NULL } },
	{ "skills.response", DIM_SKILLS,
	  N_("We can answer questions and complaints on social media within one working day."),
	  N_("Ready means customers get a reply quickly, because on social media a slow answer is seen by everyone and reads as a lack of interest."),
	  N_("Set a target response time (at most one working day), make sure someone checks messages every working day, and measure how well you keep to it."),
	  3, { "W8", NULL } },
};

/* core/1 knew three knock-outs and no cautions.  The criteria and the
 * missing first step were added later; they change no result (the first
 * step falls back to the item's recommendation). */
static const struct cat_knockout core1_knockouts[] = {
	{ .key = "no-goal", .item = ITEM_GOALS_PURPOSE, .max_value = 1,
	  .name = N_("No goal"),
	  .reason = N_("Without a goal there is nothing to aim for and no way to tell whether social media helps the company. Effort goes in, but nobody knows what should come out."),
	  .caution_max = CAT_NO_CAUTION, .criteria = { "W1", "C1", NULL } },
	{ .key = "no-long-term", .item = ITEM_RESOURCES_LONG_TERM, .max_value = 1,
	  .name = N_("No long-term commitment"),
	  .reason = N_("Social media only works over time. A presence that is started and then left to go quiet ends right after the start and damages the company's image."),
	  .caution_max = CAT_NO_CAUTION, .criteria = { "W2", "C3", NULL } },
	{ .key = "no-time", .item = ITEM_RESOURCES_TIME, .max_value = 1,
	  .name = N_("Nobody has time for it"),
	  .reason = N_("If nobody has working time for social media, customers who write are not answered. That tells them they are not taken seriously, which does more harm than having no presence at all."),
	  .caution_max = CAT_NO_CAUTION, .criteria = { "W5", NULL } },
};

static const struct catalogue core1 = {
	.id = "core",
	.version = 1,
	.title = N_("Social media readiness check"),
	.dims = core1_dims,
	.n_dims = DIM_COUNT,
	.items = core1_items,
	.n_items = (int)(sizeof core1_items / sizeof core1_items[0]),
	.knockouts = core1_knockouts,
	.n_knockouts = (int)(sizeof core1_knockouts / sizeof core1_knockouts[0]),
};

/* ---- core/2 ----------------------------------------------------------------
 * The questionnaire as the sources mean it: every hands-off case (W1-W8)
 * and the missing policy (C5) is a stop sign, "partly" on one of them is a
 * caution, and the items read as naturally for a company that already posts
 * as for one that plans to start.  Texts that did not need to change are
 * core/1's msgids, so they share one translation.  Same dimensions. */
enum {
	C2_GOALS_PURPOSE,
	C2_GOALS_BUSINESS,
	C2_GOALS_ACHIEVABLE,
	C2_GOALS_WHOLEHEARTED,
	C2_CHANNELS_AUDIENCE,
	C2_CHANNELS_CHOICE,
	C2_CHANNELS_ANALYTICS,
	C2_RESOURCES_LONG_TERM,
	C2_RESOURCES_BUDGET,
	C2_RESOURCES_OWNER,
	C2_RESOURCES_HOURS,
	C2_RESOURCES_STAFF,
	C2_RESOURCES_IN_HOUSE,
	C2_ORGANISATION_PIPELINE,
	C2_ORGANISATION_PIPELINE_TESTED,
	C2_ORGANISATION_EMPOWERMENT,
	C2_ORGANISATION_BACKING,
	C2_POLICY_DOCUMENT,
	C2_POLICY_NEGATIVE,
	C2_POLICY_EVENTS,
	C2_POLICY_NETWORKS,
	C2_MEASUREMENT_METRICS,
	C2_MEASUREMENT_TRACKING,
	C2_SKILLS_EXPERTISE,
	C2_SKILLS_LEARNING,
	C2_SKILLS_RESPONSE,
	C2_ITEM_COUNT
};

static const struct cat_item core2_items[C2_ITEM_COUNT] = {
	/* --- goals --- */
	[C2_GOALS_PURPOSE] = { "goals.purpose", DIM_GOALS,
	  N_("We can say in one or two sentences what our company wants to achieve with social media."),
	  N_("Ready means everyone involved gives the same answer to the question \"why are we doing this?\". Without that answer nobody can tell later whether the effort paid off."),
	  N_("Hold a short meeting with management and write down, in two sentences, what social media should achieve for the company. Until this is settled, open no new channel and start no new campaign."),
	  3, { "C1", "W1", NULL } },
	[C2_GOALS_BUSINESS] = { "goals.business", DIM_GOALS,
	  N_("Our social media goal serves a concrete business goal, such as winning new customers, customer service or recruiting."),
	  N_("Ready means the social media goal is linked to something the business already cares about, so it can be weighed against other ways of reaching the same goal."),
	  N_("Pick the one business goal social media should support first (for example leads, service or recruiting) and note how you would notice progress towards it."),
	  2, { "C1", NULL } },
	[C2_GOALS_ACHIEVABLE] = { "goals.achievable", DIM_GOALS,
	  N_("The goal we are working towards now is small and achievable rather than ambitious."),
	  N_("Ready means the current goal is modest enough to be reached within a few months, and the company grows from there instead of promising too much at once."),
	  N_("Cut the current goal down to something the team can reach within three to six months, and plan the next step only once it is reached."),
	  1, { "C1", NULL } },
	[C2_GOALS_WHOLEHEARTED] = { "goals.wholehearted", DIM_GOALS,
	  N_("We really want to be on social media and are prepared to keep at it for years; a half-hearted presence is not an option for us."),
	  N_("Ready means the decision comes from conviction, not from the feeling that everybody has to be there: the company accepts that results take time, and it would rather wait than keep a half-hearted presence, which does more harm than none."),
	  N_("Ask management and the people who will do the work whether they really want this for the long run. If the answer is hesitant, concentrate on one channel you can serve well, or wait until you can commit fully."),
	  2, { "C3", "W2", NULL } },
	/* --- channels --- */
	[C2_CHANNELS_AUDIENCE] = { "channels.audience", DIM_CHANNELS,
	  N_("We know which social networks our customers and prospects actually use."),
	  N_("Ready means the company has found out where its audience spends time online, by asking customers or looking at evidence, not by guessing."),
	  N_("Ask ten typical customers which networks they use for work or purchases, and write down the two or three names that come up most."),
	  2, { "C2", NULL } },
	[C2_CHANNELS_CHOICE] = { "channels.choice", DIM_CHANNELS,
	  N_("We chose one or a few networks on purpose, to fit our goal, not because they are popular right now."),
	  N_("Ready means a deliberate choice of few networks that match the goal and the audience; being everywhere at once is not a goal."),
	  N_("Choose at most two networks that fit both your goal and your audience, and write down why. Leave the others aside for now."),
	  2, { "C2", NULL } },
	[C2_CHANNELS_ANALYTICS] = { "channels.analytics", DIM_CHANNELS,
	  N_("We have checked our website statistics to see which networks already bring us visitors."),
	  N_("Ready means the company has looked at its web analytics and knows which networks already send traffic, as a hint where a presence would pay off."),
	  N_("Open your website statistics, look at the visitors who came from social networks over the last months, and note which networks they came from."),
	  1, { "C2", NULL } },
	/* --- resources --- */
	[C2_RESOURCES_LONG_TERM] = { "resources.long_term", DIM_RESOURCES,
	  N_("We have decided to keep up our social media presence for the long run, not just for a trial of a few weeks."),
	  N_("Ready means the company sees social media as an ongoing task and has committed to it for at least a year. A presence that falls silent after a few weeks harms the company's image more than none at all."),
	  N_("Have management decide how long the company commits to social media (at least twelve months from now) and put that commitment in writing."),
	  3, { "C3", "W2", NULL } },
	[C2_RESOURCES_BUDGET] = { "resources.budget", DIM_RESOURCES,
	  N_("We know how much money and working time we will invest in social media over the next year."),
	  N_("Ready means there is a budget for working time, tools and perhaps advertising, planned like any other marketing activity."),
	  N_("Draw up a simple one-year plan of the hours per week and the money you will spend, and have it approved."),
	  2, { "C3", NULL } },
	[C2_RESOURCES_OWNER] = { "resources.owner", DIM_RESOURCES,
	  N_("One named person is responsible for our social media and is paid for it or has firmly agreed to do it."),
	  N_("Ready means it is clear who looks after the presence: someone whose job includes it, or who has committed to it, so that posting and answering never depend on whoever happens to have a moment."),
	  N_("Name the person responsible for social media, put it in their job description or a written agreement, and tell the team who it is."),
	  2, { "C3", NULL } },
	[C2_RESOURCES_HOURS] = { "resources.hours", DIM_RESOURCES,
	  N_("The people who run our social media have fixed working time for it, set aside from their other duties."),
	  N_("Ready means the hours for posting and answering are planned and protected, not squeezed in when nothing else is urgent, so customers who write can count on an answer."),
	  N_("Agree on fixed hours per week for social media with the people who do it, and take other work off their desks to make room."),
	  3, { "W5", "C3", NULL } },
	[C2_RESOURCES_STAFF] = { "resources.staff", DIM_RESOURCES,
	  N_("We have enough people to keep social media going during holidays and sick leave."),
	  N_("Ready means social media does not depend on a single person: a second person can step in so the presence never goes quiet."),
	  N_("Name a deputy for the person responsible and let them take over for one week as a trial run."),
	  2, { "W6", NULL } },
	[C2_RESOURCES_IN_HOUSE] = { "resources.in_house", DIM_RESOURCES,
	  N_("Our social media is run by our own staff; an agency helps at most."),
	  N_("Ready means the company's own people speak for it on social media. An agency can advise or produce material, but if it does everything the company itself does not learn or change."),
	  N_("Bring the day-to-day posting and answering into the company; if you work with an agency, limit it to coaching and support."),
	  2, { "W3", NULL } },
	/* --- organisation --- */
	[C2_ORGANISATION_PIPELINE] = { "organisation.pipeline", DIM_ORGANISATION,
	  N_("There is an agreed route that passes incoming messages (complaints, questions, product ideas) quickly to the right person in the team."),
	  N_("Ready means it is clear who receives what: a complaint reaches customer service, an idea reaches product development, and nothing gets stuck with the person who happened to read it."),
	  N_("List the kinds of messages you expect and, for each, who handles it and how it gets to them. Share the list with everyone involved."),
	  2, { "C4", NULL } },
	/* core/1 asked whether the route was set up before going live, which a
	 * company already posting cannot change; what counts is that it works. */
	[C2_ORGANISATION_PIPELINE_TESTED] = { "organisation.pipeline_tested", DIM_ORGANISATION,
	  N_("This route has been tried out and works: messages really reach the right person in time."),
	  N_("Ready means the routing has been tested in practice, with made-up messages or real ones, so that the first serious complaint is not the test."),
	  N_("Run a trial: send a few made-up messages through the route and check that each one reaches the right person in time."),
	  1, { "C4", NULL } },
	[C2_ORGANISATION_EMPOWERMENT] = { "organisation.empowerment", DIM_ORGANISATION,
	  N_("The people running our social media may answer and decide within agreed limits without asking management every time."),
	  N_("Ready means management trusts its staff and has set out what they may decide on their own, so answers do not wait for approval."),
	  N_("Write down what the social media team may answer and decide on its own and what must go to management, and tell the team."),
	  2, { "W4", NULL } },
	[C2_ORGANISATION_BACKING] = { "organisation.backing", DIM_ORGANISATION,
	  N_("Management understands why social media matters and backs the people who do it."),
	  N_("Ready means management takes social media seriously as contact with customers, gives it priority and stands behind the team when something goes wrong."),
	  N_("Present the goal and the plan to management and ask for an explicit commitment, including time for the team."),
	  1, { "W4", "W5", NULL } },
	/* --- policy --- */
	[C2_POLICY_DOCUMENT] = { "policy.document", DIM_POLICY,
	  N_("We have a written social media policy, and the staff know it."),
	  N_("Ready means there is an internal document with the rules of engagement: who speaks for the company, what is allowed and what is not, and how to start conversations."),
	  N_("Write a short policy of one or two pages (who posts, what tone, what is off limits) and go through it with the staff."),
	  2, { "C5", NULL } },
	[C2_POLICY_NEGATIVE] = { "policy.negative", DIM_POLICY,
	  N_("We have agreed how to respond to criticism and negative mentions."),
	  N_("Ready means the team knows how to answer an angry customer or a critical post, when to take it to a private channel and when to call in management."),
	  N_("Agree on three or four steps for handling criticism and write sample answers for the most likely complaints."),
	  2, { "C5", NULL } },
	[C2_POLICY_EVENTS] = { "policy.events", DIM_POLICY,
	  N_("We have agreed how to handle the situations that come up again and again, such as product questions, service requests, job enquiries or a holiday closure."),
	  N_("Ready means the policy covers the everyday situations as well as the difficult ones, so whoever is on duty knows what to answer and whom to involve without asking around."),
	  N_("List the five situations that come up most often on your channels, agree for each who answers and how, and add the list to the policy."),
	  1, { "C5", NULL } },
	[C2_POLICY_NETWORKS] = { "policy.networks", DIM_POLICY,
	  N_("For each network we use, we have agreed what we post there, in which tone and how often."),
	  N_("Ready means every network has a clear role, so posts fit the place and the audience instead of the same text going everywhere."),
	  N_("For each chosen network, write one line on its purpose, its tone and how often you post, and add it to the policy."),
	  1, { "C5", NULL } },
	/* --- measurement --- */
	[C2_MEASUREMENT_METRICS] = { "measurement.metrics", DIM_MEASUREMENT,
	  N_("We have chosen metrics that follow from our goal, such as engagement, mentions, leads or sentiment."),
	  N_("Ready means the figures watched are the ones that show progress towards the goal, not just whatever is easiest to count."),
	  N_("For your goal, pick two or three figures that would show progress, and note their current value as a starting point."),
	  2, { "C6", NULL } },
	/* core/1's measurement.tools and measurement.review: a tool nobody
	 * looks at and a review without figures are both no measurement. */
	[C2_MEASUREMENT_TRACKING] = { "measurement.tracking", DIM_MEASUREMENT,
	  N_("We collect these figures regularly with suitable tools, look at them at fixed intervals and adjust what we do."),
	  N_("Ready means the figures come in without much effort, from the networks' own statistics or a monitoring tool, and someone compares them with the goal at fixed intervals and changes the plan when needed."),
	  N_("Set up the networks' statistics or a simple monitoring tool for the figures you chose, and put a monthly review in the calendar: compare the figures with the goal and decide on one thing to change."),
	  2, { "C6", NULL } },
	/* --- skills --- */
	[C2_SKILLS_EXPERTISE] = { "skills.expertise", DIM_SKILLS,
	  N_("The people who run our social media know how the chosen networks work."),
	  N_("Ready means the team knows the customs, features and pitfalls of its networks and can write posts that suit them."),
	  N_("Find out what the team still needs to learn and book a training course or a coaching session for the chosen networks."),
	  2, { "W7", NULL } },
	[C2_SKILLS_LEARNING] = { "skills.learning", DIM_SKILLS,
	  N_("There is time and money for the team to keep learning about social media."),
	  N_("Ready means the team can keep its skills up to date, because networks and habits change quickly."),
	  N_("Set aside a few hours a month and a small budget for training, and let the team share what it learns."),
	  1, { "W7", NULL } },
	[C2_SKILLS_RESPONSE] = { "skills.response", DIM_SKILLS,
	  N_("We can answer questions and complaints on social media within one working day."),
	  N_("Ready means customers get a reply quickly, because on social media a slow answer is seen by everyone and reads as a lack of interest."),
	  N_("Set a target response time (at most one working day), make sure someone checks messages every working day, and measure how well you keep to it."),
	  3, { "W8", NULL } },
};

/* A stop sign of core/2: fires at 0-1 and "don't know", a caution at 2.
 * Their order is the sources' order (W1-W8, then the checklist's C5) and
 * is the order of the stop signs on every screen and in the to-do list. */
#define C2_STOP(k, it, nm, why, step, ...) \
	{ .key = (k), .item = (it), .max_value = 1, .caution_max = 2, \
	  .name = (nm), .reason = (why), .first_step = (step), \
	  .criteria = { __VA_ARGS__, NULL } }

static const struct cat_knockout core2_knockouts[] = {
	C2_STOP("no-goal", C2_GOALS_PURPOSE, N_("No goal"),
	  N_("Without a goal there are no expectations and nothing concrete to work towards, and nobody can tell whether social media brings the company closer to anything."),
	  N_("Write down in two sentences what social media should achieve for the company, and have management agree to it."),
	  "W1", "C1"),
	C2_STOP("no-long-term", C2_RESOURCES_LONG_TERM, N_("No long-term commitment"),
	  N_("No stamina: a presence without a long-term plan is over right after the start, and the silence that follows damages the company's image."),
	  N_("Decide with management for how long, at least twelve months, the company will keep its presence going, and put it in writing."),
	  "W2", "C3"),
	C2_STOP("outsourced", C2_RESOURCES_IN_HOUSE, N_("Social media outsourced"),
	  N_("When an agency does the work, the company's own culture does not adapt to the open conversation social media asks for: it stands still."),
	  N_("Agree with your agency that one of your own staff takes over the daily answering; keep the agency for coaching."),
	  "W3"),
	C2_STOP("no-room-to-decide", C2_ORGANISATION_EMPOWERMENT, N_("No room for decisions"),
	  N_("Too little trust in the company's own staff and no rules of play: if every answer needs management's approval first, the company works in an old-school way that does not fit social media."),
	  N_("Set out in writing what the team may answer and decide on its own, and which cases go to management."),
	  "W4"),
	C2_STOP("no-time", C2_RESOURCES_HOURS, N_("Nobody has time for it"),
	  N_("If the staff have no time for social media, the company has not understood how important it is, and customers who write are not taken seriously enough."),
	  N_("Agree on fixed weekly hours for social media with the people who do it, and take other work off their desks."),
	  "W5"),
	C2_STOP("too-few-staff", C2_RESOURCES_STAFF, N_("Too few staff"),
	  N_("With too few people the presence falls silent at the first holiday or illness: as with missing time, the company does not really want to take part yet."),
	  N_("Name a deputy for the person responsible and let them run the channels for one week."),
	  "W6"),
	C2_STOP("too-little-expertise", C2_SKILLS_EXPERTISE, N_("Too little expertise"),
	  N_("Without know-how about the networks, posts miss their audience and mistakes happen in public: as with missing time or staff, the company does not really want to take part yet."),
	  N_("Find out what the team does not yet know about your networks, and book a training course or a coaching session."),
	  "W7"),
	C2_STOP("too-slow", C2_SKILLS_RESPONSE, N_("Too slow"),
	  N_("On social media everyone sees how long an answer takes: can the company afford to keep its customers waiting?"),
	  N_("Make sure someone checks the channels every working day and answers within one working day."),
	  "W8"),
	C2_STOP("no-policy", C2_POLICY_DOCUMENT, N_("No social media policy"),
	  N_("Without a written policy there are no rules of engagement: nobody knows who may speak for the company, what is off limits and how to handle criticism. No company should be on social media without one."),
	  N_("Write a policy of one or two pages: who posts, in which tone, what is off limits and how to handle criticism; then go through it with the staff."),
	  "C5"),
};

#undef C2_STOP

/* How core/1's items live on in core/2.  Every other core/1 item is asked
 * again under its own key with the same meaning; goals.wholehearted and
 * policy.events are newly asked; nothing is dropped. */
static const struct cat_map_pair core2_from_core1_pairs[] = {
	/* Renamed: the route must work, whenever it was set up. */
	{ "organisation.before_launch", "organisation.pipeline_tested" },
	/* Split: someone responsible (C3), and time set aside for it (W5). */
	{ "resources.time", "resources.owner" },
	{ "resources.time", "resources.hours" },
	/* Merged: tools and their regular review are one practice. */
	{ "measurement.tools", "measurement.tracking" },
	{ "measurement.review", "measurement.tracking" },
};

static const struct cat_mapping core2_from_core1 = {
	.from_id = "core",
	.from_version = 1,
	.pairs = core2_from_core1_pairs,
	.n_pairs = (int)(sizeof core2_from_core1_pairs / sizeof core2_from_core1_pairs[0]),
};

static const struct catalogue core2 = {
	.id = "core",
	.version = 2,
	.title = N_("Social media readiness check"),
	.dims = core1_dims,
	.n_dims = DIM_COUNT,
	.items = core2_items,
	.n_items = C2_ITEM_COUNT,
	.knockouts = core2_knockouts,
	.n_knockouts = (int)(sizeof core2_knockouts / sizeof core2_knockouts[0]),
	.mapping = &core2_from_core1,
};

/* Every catalogue this program knows, oldest first. */
static const struct catalogue *const known[] = { &core1, &core2 };
#define N_KNOWN ((int)(sizeof known / sizeof known[0]))

const struct catalogue *catalogue_builtin(void)
{
	return catalogue_latest();
}

const struct catalogue *catalogue_latest(void)
{
	return known[N_KNOWN - 1];
}

const struct catalogue *catalogue_at(int i)
{
	return i >= 0 && i < N_KNOWN ? known[i] : NULL;
}

const struct catalogue *catalogue_find(const char *id, int version)
{
	if (id == NULL)
		return NULL;
	for (int i = 0; i < N_KNOWN; i++)
		if (strcmp(id, known[i]->id) == 0 && version == known[i]->version)
			return known[i];
	return NULL;
}

int catalogue_item_index(const struct catalogue *cat, const char *key)
{
	if (cat == NULL || key == NULL)
		return -1;
	/* the first letter first: an import looks up every answer's item */
	for (int i = 0; i < cat->n_items; i++)
		if (cat->items[i].key[0] == key[0] && strcmp(cat->items[i].key, key) == 0)
			return i;
	return -1;
}

/* The decimal digits of v at out (no NUL); how many.  The model writes
 * no text through stdio. */
static size_t put_uint(char *out, unsigned v)
{
	char rev[12];
	size_t n = 0, k = 0;

	do
		rev[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0 && n < sizeof rev);
	while (n > 0)
		out[k++] = rev[--n];
	return k;
}

void catalogue_item_label(const struct catalogue *cat, int item, char *buf, size_t bufsz)
{
	int nth = 0, dim;

	char tmp[24];
	size_t n = 0;

	if (bufsz == 0)
		return;
	if (!cat || item < 0 || item >= cat->n_items) {
		tmp[n++] = '?';
	} else {
		dim = cat->items[item].dimension;
		for (int i = 0; i <= item; i++)
			if (cat->items[i].dimension == dim)
				nth++;
		n = put_uint(tmp, (unsigned)(dim + 1));
		tmp[n++] = '.';
		n += put_uint(tmp + n, (unsigned)nth);
	}
	if (n >= bufsz)
		n = bufsz - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
}

int catalogue_item_lookup(const struct catalogue *cat, const char *ref)
{
	char want[32], label[32];
	size_t n;

	if (!cat || !ref)
		return -1;
	while (*ref == ' ' || *ref == '\t')
		ref++;
	n = strlen(ref);
	while (n > 0 && (ref[n - 1] == ' ' || ref[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof want)
		return -1;
	memcpy(want, ref, n);
	want[n] = '\0';
	for (int i = 0; i < cat->n_items; i++) {
		catalogue_item_label(cat, i, label, sizeof label);
		if (strcmp(label, want) == 0 || strcmp(cat->items[i].key, want) == 0)
			return i;
	}
	return -1;
}

int catalogue_dim_index(const struct catalogue *cat, const char *key)
{
	if (cat == NULL || key == NULL)
		return -1;
	for (int i = 0; i < cat->n_dims; i++)
		if (strcmp(cat->dims[i].key, key) == 0)
			return i;
	return -1;
}

int catalogue_item_knockout(const struct catalogue *cat, int item)
{
	if (cat == NULL)
		return -1;
	for (int k = 0; k < cat->n_knockouts; k++)
		if (cat->knockouts[k].item == item)
			return k;
	return -1;
}

int catalogue_knockout_index(const struct catalogue *cat, const char *key)
{
	if (cat == NULL || key == NULL)
		return -1;
	for (int k = 0; k < cat->n_knockouts; k++)
		if (strcmp(cat->knockouts[k].key, key) == 0)
			return k;
	return -1;
}

const char *catalogue_knockout_first_step(const struct catalogue *cat, int k)
{
	const struct cat_knockout *ko;

	if (cat == NULL || k < 0 || k >= cat->n_knockouts)
		return NULL;
	ko = &cat->knockouts[k];
	if (ko->first_step != NULL)
		return ko->first_step;
	if (ko->item < 0 || ko->item >= cat->n_items)
		return NULL;
	return cat->items[ko->item].recommendation;
}

/* ---- mapping ------------------------------------------------------------- */

static bool same_questionnaire(const struct catalogue *a, const struct catalogue *b)
{
	return a == b || (a->version == b->version && a->id != NULL && b->id != NULL &&
	                  strcmp(a->id, b->id) == 0);
}

/* Whether table maps from the catalogue with this id and version. */
static bool table_from(const struct cat_mapping *table, const struct catalogue *cat)
{
	return table != NULL && table->from_version == cat->version &&
	       table->from_id != NULL && cat->id != NULL && strcmp(table->from_id, cat->id) == 0;
}

bool catalogue_map_init(struct cat_map *m, const struct catalogue *from,
                        const struct catalogue *to)
{
	memset(m, 0, sizeof *m);
	m->from = from;
	m->to = to;
	if (from == NULL || to == NULL)
		return false;
	if (same_questionnaire(from, to))
		m->known = true;
	else if (table_from(to->mapping, from))
		m->table = to->mapping;
	else if (table_from(from->mapping, to)) {
		m->table = from->mapping;
		m->reversed = true;
	}
	if (m->table != NULL)
		m->known = true;
	return m->known;
}

/* Pair p's key on m->from's side and on m->to's side. */
static const char *pair_from(const struct cat_map *m, const struct cat_map_pair *p)
{
	return m->reversed ? p->new_key : p->old_key;
}

static const char *pair_to(const struct cat_map *m, const struct cat_map_pair *p)
{
	return m->reversed ? p->old_key : p->new_key;
}

/* Whether a pair names key on the from side (from_side) or the to side. */
static bool in_table(const struct cat_map *m, const char *key, bool from_side)
{
	for (int p = 0; m->table != NULL && p < m->table->n_pairs; p++) {
		const struct cat_map_pair *pr = &m->table->pairs[p];
		if (strcmp(from_side ? pair_from(m, pr) : pair_to(m, pr), key) == 0)
			return true;
	}
	return false;
}

/* Whether a pair links fk on the from side with tk on the to side. */
static bool paired(const struct cat_map *m, const char *fk, const char *tk)
{
	for (int p = 0; p < m->table->n_pairs; p++) {
		const struct cat_map_pair *pr = &m->table->pairs[p];
		if (strcmp(pair_from(m, pr), fk) == 0 && strcmp(pair_to(m, pr), tk) == 0)
			return true;
	}
	return false;
}

/* The items that item key maps with: when sources is true, key is an item
 * of m->to and the result are m->from's items behind it; else the other way
 * round.  Writes at most max indexes to out; returns how many there are, in
 * the other catalogue's order.  A key no pair names maps to the item of the
 * same key on the other side, if no pair names that one either; a key a
 * pair names maps to exactly the items its pairs name. */
static int map_collect(const struct cat_map *m, const char *key, bool sources,
                       int *out, int max)
{
	const struct catalogue *other = sources ? m->from : m->to;
	int n = 0;

	if (!m->known)
		return 0;
	if (!in_table(m, key, !sources)) {
		int i = catalogue_item_index(other, key);
		if (i < 0 || in_table(m, key, sources))
			return 0;
		if (out != NULL && max > 0)
			out[0] = i;
		return 1;
	}
	for (int i = 0; i < other->n_items; i++) {
		const char *ok = other->items[i].key;
		if (!(sources ? paired(m, ok, key) : paired(m, key, ok)))
			continue;
		if (out != NULL && n < max)
			out[n] = i;
		n++;
	}
	return n;
}

int catalogue_map_sources(const struct cat_map *m, int to_item, int *out, int max)
{
	if (m == NULL || !m->known || to_item < 0 || to_item >= m->to->n_items)
		return 0;
	return map_collect(m, m->to->items[to_item].key, true, out, max);
}

int catalogue_map_targets(const struct cat_map *m, int from_item, int *out, int max)
{
	if (m == NULL || !m->known || from_item < 0 || from_item >= m->from->n_items)
		return 0;
	return map_collect(m, m->from->items[from_item].key, false, out, max);
}

enum cat_map_kind catalogue_map_kind(const struct cat_map *m, int to_item)
{
	int src;
	int n = catalogue_map_sources(m, to_item, &src, 1);

	if (n == 0)
		return CAT_MAP_NONE;
	if (n > 1)
		return CAT_MAP_MERGED;
	if (catalogue_map_targets(m, src, NULL, 0) > 1)
		return CAT_MAP_SPLIT;
	return strcmp(m->from->items[src].key, m->to->items[to_item].key) == 0
	       ? CAT_MAP_SAME : CAT_MAP_RENAMED;
}

const char *catalogue_map_kind_key(enum cat_map_kind kind)
{
	switch (kind) {
	case CAT_MAP_SAME: return "same";
	case CAT_MAP_RENAMED: return "renamed";
	case CAT_MAP_SPLIT: return "split";
	case CAT_MAP_MERGED: return "merged";
	case CAT_MAP_NONE: break;
	}
	return "none";
}

const char *catalogue_map_kind_text(enum cat_map_kind kind)
{
	switch (kind) {
	case CAT_MAP_SAME: return N_("same question");
	case CAT_MAP_RENAMED: return N_("reworded question");
	case CAT_MAP_SPLIT: return N_("split from one question");
	case CAT_MAP_MERGED: return N_("merged from several questions");
	case CAT_MAP_NONE: break;
	}
	return N_("no counterpart");
}

const char *catalogue_scale_label(int value)
{
	static const char *const labels[SCALE_LEVELS] = {
		N_("not at all"), N_("a little"), N_("partly"),
		N_("largely"), N_("fully"),
	};

	if (value >= ANSWER_MIN && value <= ANSWER_MAX)
		return labels[value - ANSWER_MIN];
	if (value == ANSWER_DONT_KNOW)
		return N_("don't know");
	/* Anything else cannot be shown as an answer: treat it as none. */
	return N_("unanswered");
}

bool catalogue_value_valid(int value)
{
	return value == ANSWER_DONT_KNOW ||
	       (value >= ANSWER_MIN && value <= ANSWER_MAX);
}

/* Inserts id into the sorted array out[0..n) unless present; returns new n. */
static int criteria_insert(const char **out, int n, int max, const char *id)
{
	int pos = 0;

	while (pos < n && strcmp(out[pos], id) < 0)
		pos++;
	if (pos < n && strcmp(out[pos], id) == 0)
		return n;
	if (n >= max)
		return n;
	memmove(&out[pos + 1], &out[pos], (size_t)(n - pos) * sizeof out[0]);
	out[pos] = id;
	return n + 1;
}

int catalogue_criteria_covered(const struct catalogue *cat,
                               const char **out, int max)
{
	int n = 0;

	if (cat == NULL || out == NULL || max <= 0)
		return 0;
	for (int i = 0; i < cat->n_items; i++)
		for (int c = 0; c < CAT_MAX_CRITERIA && cat->items[i].criteria[c]; c++)
			n = criteria_insert(out, n, max, cat->items[i].criteria[c]);
	return n;
}

/* The criteria of the two source articles (the domain brief): the six
 * questions of the checklist and the eight cases of "hands off". */
static const struct {
	const char *id;
	const char *name;
} criteria_names[] = {
	{ "C1", N_("a clear reason to be on social media") },
	{ "C2", N_("knows which networks fit") },
	{ "C3", N_("the means to keep investing") },
	{ "C4", N_("an internal pipeline for what comes in") },
	{ "C5", N_("a social media policy") },
	{ "C6", N_("can measure it") },
	{ "W1", N_("hands off: no goal") },
	{ "W2", N_("hands off: no long-term idea") },
	{ "W3", N_("hands off: the work is outsourced") },
	{ "W4", N_("hands off: no room for decisions") },
	{ "W5", N_("hands off: staff have no time for it") },
	{ "W6", N_("hands off: too few staff") },
	{ "W7", N_("hands off: too little expertise") },
	{ "W8", N_("hands off: too slow") },
};

const char *catalogue_criterion_name(const char *id)
{
	for (size_t i = 0; id && i < sizeof criteria_names / sizeof criteria_names[0]; i++)
		if (strcmp(criteria_names[i].id, id) == 0)
			return criteria_names[i].name;
	return NULL;
}
